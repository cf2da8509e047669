# Writes assets/photo.png and assets/photo-ur.png: 1600×1066 RGB "photos"
# (a sky-to-grass gradient with a sun; the Urdu one has its sun on the
# right): 300 ppi across the card's 128 mm photo box once cover-fitted,
# and small files, because a gradient compresses well.
import struct, zlib

def png(path, w, h, px):
    raw = b"".join(b"\0" + bytes(c for x in range(w) for c in px(x, y)) for y in range(h))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    open(path, "wb").write(data)

W, H = 1600, 1066

def scene(sunx):
    def px(x, y):
        if (x - sunx) ** 2 + (y - 266) ** 2 < 133 ** 2:
            return (250, 190, 0)
        if y > 733:
            return (40, 140 - (y - 733) // 7, 60)
        return (120 + y // 13, 170 + y // 20, 230)
    return px

png("assets/photo.png", W, H, scene(400))
png("assets/photo-ur.png", W, H, scene(1200))
