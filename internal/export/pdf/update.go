package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
)

// update is the incremental update handbill appends to fpdf's output
// (ISO 32000-1 §7.5.6): new objects and new versions of objects fpdf
// wrote, their cross-reference section and a trailer whose /Prev points
// at fpdf's xref table.
type update struct {
	base *base
	body bytes.Buffer
	next int         // next free object number
	at   map[int]int // object number → offset in the file
}

func newUpdate(b *base) *update {
	u := &update{base: b, next: b.size, at: map[int]int{}}
	u.body.Grow(64 << 10)
	if b.data[len(b.data)-1] != '\n' {
		u.body.WriteByte('\n')
	}
	return u
}

// alloc reserves a new object number.
func (u *update) alloc() int {
	u.next++
	return u.next - 1
}

// begin starts object n (new or a new version of one of fpdf's) and
// returns the buffer to write its value into; end closes it.
func (u *update) begin(n int) *bytes.Buffer {
	u.at[n] = len(u.base.data) + u.body.Len()
	fmt.Fprintf(&u.body, "%d 0 obj\n", n)
	return &u.body
}

func (u *update) end() { u.body.WriteString("\nendobj\n") }

// object writes object n, a dictionary.
func (u *update) object(n int, d dict) {
	write(u.begin(n), d)
	u.end()
}

// stream writes object n as a stream: d holds its dictionary's entries
// besides /Length (and /Filter when compressed says the data is deflated).
func (u *update) stream(n int, d dict, data []byte, compressed bool) {
	d = d.ifWith(compressed, "Filter", name("FlateDecode")).with("Length", len(data))
	w := u.begin(n)
	write(w, d)
	w.WriteString("\nstream\n")
	w.Write(data)
	w.WriteString("\nendstream")
	u.end()
}

// finish appends the cross-reference section and trailer and returns the
// whole file. root and info are the catalog and Info objects. The file
// identifier is a hash of the bytes, so the same document always gets the
// same /ID.
func (u *update) finish(root, info int) []byte {
	nums := make([]int, 0, len(u.at))
	for n := range u.at {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	id := sha256.New()
	id.Write(u.base.data)
	id.Write(u.body.Bytes())
	sum := hex.EncodeToString(id.Sum(nil)[:16])

	xref := len(u.base.data) + u.body.Len()
	w := &u.body
	w.WriteString("xref\n")
	for i := 0; i < len(nums); {
		j := i + 1
		for j < len(nums) && nums[j] == nums[j-1]+1 {
			j++
		}
		fmt.Fprintf(w, "%d %d\n", nums[i], j-i)
		for _, n := range nums[i:j] {
			fmt.Fprintf(w, "%010d 00000 n\r\n", u.at[n])
		}
		i = j
	}
	w.WriteString("trailer\n")
	fileID := raw("<" + sum + ">")
	write(w, dict{}.with("Size", u.next).with("Root", ref(root)).with("Info", ref(info)).with("Prev", u.base.xref).with("ID", array{fileID, fileID}))
	fmt.Fprintf(w, "\nstartxref\n%d\n%%%%EOF\n", xref)
	out := make([]byte, 0, len(u.base.data)+u.body.Len())
	out = append(out, u.base.data...)
	return append(out, u.body.Bytes()...)
}
