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

// object writes object n with the value s.
func (u *update) object(n int, s string) {
	u.begin(n).WriteString(s)
	u.end()
}

// stream writes object n as a stream: extra are dictionary entries besides
// /Length (and /Filter when compressed says the data is deflated).
func (u *update) stream(n int, extra string, data []byte, compressed bool) {
	w := u.begin(n)
	w.WriteString("<<")
	w.WriteString(extra)
	if compressed {
		w.WriteString(" /Filter /FlateDecode")
	}
	fmt.Fprintf(w, " /Length %d>>\nstream\n", len(data))
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
	fmt.Fprintf(w, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /Prev %d /ID [<%s> <%s>]>>\nstartxref\n%d\n%%%%EOF\n",
		u.next, root, info, u.base.xref, sum, sum, xref)
	out := make([]byte, 0, len(u.base.data)+u.body.Len())
	out = append(out, u.base.data...)
	return append(out, u.body.Bytes()...)
}
