package sfnt

import (
	"math/rand"
	"testing"
)

func TestScratchMutate(t *testing.T) {
	src := loadTestFont(t)
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		d := append([]byte(nil), src...)
		for k := 0; k < 1+r.Intn(8); k++ {
			d[r.Intn(len(d))] = byte(r.Intn(256))
		}
		m := []Mapping{{GID: uint16(r.Intn(400)), Code: 0xE000}, {GID: 7, Code: 0x41}}
		Subset(d, m)
		CmapReverse(d)
		NumFonts(d)
		FontInCollection(d, 0)
	}
}
