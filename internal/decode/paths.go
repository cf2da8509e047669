package decode

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/handbill/handbill/internal/diag"
)

// maxLinks bounds how many symbolic links Inside follows for one path.
const maxLinks = 40

// Inside reports whether name, a path relative to the root of fsys,
// stays inside that root once every symbolic link on the way is followed
// (when fsys can read links, as os.DirFS and os.Root's FS can): a link
// to an absolute path or one that climbs out with ../ leaves it. It
// returns the link that leaves and its target, for the message; a path
// that does not exist is not its concern.
func Inside(fsys fs.FS, name string) (ok bool, link, target string) {
	lfs, can := fsys.(fs.ReadLinkFS)
	if !can {
		return true, "", ""
	}
	rest := strings.Split(path.Clean(name), "/")
	dir := "."
	for hops := 0; len(rest) > 0; {
		p := path.Join(dir, rest[0])
		rest = rest[1:]
		if !fs.ValidPath(p) {
			return false, name, p
		}
		info, err := lfs.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) || err != nil {
			return true, "", ""
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			dir = p
			continue
		}
		if hops++; hops > maxLinks {
			return false, p, "a loop of symbolic links"
		}
		t, err := lfs.ReadLink(p)
		if err != nil {
			return true, "", ""
		}
		if path.IsAbs(t) || strings.HasPrefix(t, `\`) || len(t) > 1 && t[1] == ':' {
			return false, p, t
		}
		resolved := path.Join(dir, t)
		if !fs.ValidPath(resolved) {
			return false, p, t
		}
		rest = append(strings.Split(resolved, "/"), rest...)
		dir = "."
	}
	return true, "", ""
}

// InsideDiag is Inside as a diagnostic at s (path p of its file), or nil
// when the path stays inside the campaign folder.
func InsideDiag(fsys fs.FS, name string, s Scalar, p string) *diag.Diagnostic {
	ok, link, target := Inside(fsys, name)
	if ok {
		return nil
	}
	d := s.Diag(p, "expected a file inside the campaign folder, found %q, which leaves it: %s links to %s", s.V, link, target)
	d.Hint = "copy the file into the campaign folder; symbolic links may not point outside it"
	return &d
}
