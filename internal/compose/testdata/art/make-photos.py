# Writes assets/photo.png and assets/photo-ur.png: 240×160 RGB "photos"
# (a sky-to-grass gradient with a sun; the Urdu one has its sun on the
# right), small enough to keep in the repository and to show fit: cover.
import struct, zlib

def png(path, w, h, px):
    raw = b"".join(b"\0" + bytes(c for x in range(w) for c in px(x, y)) for y in range(h))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    open(path, "wb").write(data)

def scene(sunx):
    def px(x, y):
        if (x - sunx) ** 2 + (y - 40) ** 2 < 400:
            return (250, 190, 0)
        if y > 110:
            return (40, 140 - (y - 110), 60)
        return (120 + y // 2, 170 + y // 3, 230)
    return px

png("assets/photo.png", 240, 160, scene(60))
png("assets/photo-ur.png", 240, 160, scene(180))
