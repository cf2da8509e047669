package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/handbill/handbill/internal/atomicfile"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/messages"
)

// ManifestName is the manifest's file name in the output folder.
const ManifestName = "manifest.json"

// LockName is the lock file in the output folder: a build holds an
// advisory lock on it (flock) from before it reads the manifest until
// after it has written it, so two builds into one folder run one after the
// other and neither loses the other's records. The file stays; the lock
// goes with the process, however it ends.
const LockName = ".handbill.lock"

// FolderError is a problem with the output folder itself (not a folder, no
// permission, an unreadable manifest): nothing was built.
type FolderError struct{ Err error }

func (e *FolderError) Error() string { return e.Err.Error() }
func (e *FolderError) Unwrap() error { return e.Err }

// folder is an output folder held by this build: its lock and the manifest
// an earlier build left there.
type folder struct {
	dir  string
	lock *os.File
	prev *Manifest // nil when there was none
	// prevFiles are prev's files by path; prevTime is when prev was
	// written (its file's modification time).
	prevFiles map[string]Output
	prevTime  time.Time
}

// openFolder creates dir when missing, takes its lock (calling waiting,
// when set, before it blocks on another build's), removes the temporary
// files interrupted builds of this campaign left and reads the earlier
// manifest. An unreadable manifest is an error, not replaced: it may be
// the only record of earlier files.
func openFolder(dir, campaign string, waiting func(lock string)) (*folder, error) {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, &FolderError{diag.Diagnostic{Severity: diag.Error, Msg: fmt.Sprintf("--out %s: expected a folder, found a file", dir),
			Hint: "name a folder (it is created when missing)"}}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, &FolderError{fmt.Errorf("output folder: %w", err)}
	}
	lockPath := filepath.Join(dir, LockName)
	lf, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, &FolderError{fmt.Errorf("output folder: %w", err)}
	}
	if err := lockFile(lf, func() {
		if waiting != nil {
			waiting(lockPath)
		}
	}); err != nil {
		lf.Close()
		return nil, &FolderError{fmt.Errorf("output folder: locking %s: %w", lockPath, err)}
	}
	f := &folder{dir: dir, lock: lf}
	if err := removeStaleTemps(dir, campaign); err != nil {
		f.close()
		return nil, &FolderError{fmt.Errorf("output folder: %w", err)}
	}
	if f.prev, err = readManifest(filepath.Join(dir, ManifestName), campaign); err != nil {
		f.close()
		return nil, &FolderError{err}
	}
	if f.prev != nil {
		if st, err := os.Stat(filepath.Join(dir, ManifestName)); err == nil {
			f.prevTime = st.ModTime()
		}
		f.prevFiles = make(map[string]Output, len(f.prev.Files))
		for _, o := range f.prev.Files {
			f.prevFiles[o.Path] = o
		}
	}
	return f, nil
}

// close releases the lock.
func (f *folder) close() error {
	return f.lock.Close() // closing the descriptor drops the flock
}

// isStaleTemp says whether name is a temporary file of atomicfile.Write for a
// file a build of campaign writes (.NAME.RANDOM.tmp, NAME the manifest or
// CAMPAIGN-…): only a build holding the folder's lock writes those, so
// any found when the lock is taken were left by a killed build.
func isStaleTemp(name, campaign string) bool {
	return atomicfile.IsTemp(name, ManifestName+".") || atomicfile.IsTemp(name, campaign+"-")
}

func removeStaleTemps(dir, campaign string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if e.Type().IsRegular() && isStaleTemp(e.Name(), campaign) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// readManifest reads an earlier manifest: nil when there is none, an
// error when it cannot be read, does not parse or belongs to another
// campaign.
func readManifest(path, campaign string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	hint := "move it away or delete it; the next build writes a new one from the files in the folder"
	if err != nil {
		return nil, diag.Diagnostic{Severity: diag.Error, File: path, Msg: fmt.Sprintf("cannot read the manifest of an earlier build: %v", err), Hint: hint}
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, diag.Diagnostic{Severity: diag.Error, File: path, Msg: fmt.Sprintf("expected the manifest of an earlier build, found invalid JSON: %v", err), Hint: hint}
	}
	if m.Campaign != campaign {
		return nil, diag.Diagnostic{Severity: diag.Error, File: path, Path: "campaign", Msg: fmt.Sprintf("expected %q, found %q: the folder holds another campaign's build", campaign, m.Campaign),
			Hint: "build into another folder with --out"}
	}
	return &m, nil
}

// names maps every file name a build of c can write to the pair and
// edition it holds.
func names(c *campaign.Campaign) map[string]Output {
	tags := make([]string, 0, len(c.Locales)+len(messages.Pseudo))
	for _, l := range c.Locales {
		tags = append(tags, l.Tag)
	}
	tags = append(tags, messages.Pseudo...)
	areas := c.Areas
	if len(areas) == 0 {
		areas = []*campaign.Area{nil}
	}
	m := map[string]Output{}
	for _, a := range areas {
		for _, l := range c.Layouts {
			for _, t := range tags {
				for _, ed := range edition.All {
					p := Pair{Layout: l, Locale: t, Area: a}
					name := FileName(c.ID, p, ed)
					m[name] = Output{Path: name, Area: p.areaID(), Layout: l.Name, Locale: t, Edition: ed}
				}
			}
		}
	}
	return m
}

// writeManifest writes manifest.json from the PDFs actually in the folder:
// each one's size and SHA-256 come from disk. Its other details come from
// this build or, for files this build did not write, from the earlier
// manifest; a file whose record is missing or no longer matches it (a
// build killed between writing it and writing the manifest) is listed
// with Stale set.
func (f *folder) writeManifest(c *campaign.Campaign, opt Options, rep *Report) error {
	m := Manifest{Campaign: c.ID, Creator: opt.Creator, Date: opt.Date.UTC().Format(time.RFC3339)}
	for _, w := range c.Warnings {
		m.Warnings = append(m.Warnings, w.Error())
	}
	known := map[string]Output{}
	if f.prev != nil {
		for _, o := range f.prev.Files {
			o.Reused = false // not this build's to keep
			known[o.Path] = o
		}
	}
	written := map[string]bool{}
	for _, o := range rep.Outputs {
		known[o.Path] = o
		written[o.Path] = !o.Reused
		if o.Reused {
			m.Kept++
		} else {
			m.Written++
		}
	}
	ents, err := os.ReadDir(f.dir)
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	all := names(c)
	for _, e := range ents {
		o, ok := all[e.Name()]
		if !ok || !e.Type().IsRegular() {
			continue
		}
		n, sum, err := f.sum(e, known[o.Path], written[o.Path])
		if err != nil {
			return fmt.Errorf("output folder: %w", err)
		}
		if rec, ok := known[o.Path]; ok {
			o = rec
			o.Stale = rec.SHA256 != sum || rec.Bytes != n
			o.Previews = f.present(rec.Previews)
		} else {
			o.Stale = true
			o.Warnings = []string{}
		}
		o.Bytes, o.SHA256 = n, sum
		m.Files = append(m.Files, o)
	}
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })
	m.Failed = rep.Failures
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(f.dir, ManifestName), append(data, '\n'))
}

// sum returns the size and SHA-256 of the folder's file e, as recorded
// in rec when the earlier manifest's record can be trusted: a file this
// build did not write, of the recorded size, last modified no later than
// the earlier manifest was written (a build writes its manifest after its
// files, so a file changed since, or by a build killed before its
// manifest, is newer; "no later", since a file system's clock ticks in
// milliseconds and the last files share the manifest's tick). Any other
// file is read. At national scale this is
// most of a rebuild's reading: 6,600 kept files, 350 MB.
func (f *folder) sum(e fs.DirEntry, rec Output, written bool) (int, string, error) {
	if !written && rec.SHA256 != "" && !rec.Stale && !f.prevTime.IsZero() {
		if st, err := e.Info(); err == nil && st.Size() == int64(rec.Bytes) && !st.ModTime().After(f.prevTime) {
			return rec.Bytes, rec.SHA256, nil
		}
	}
	return checksum(filepath.Join(f.dir, e.Name()))
}

// present returns the names that are files in the folder.
func (f *folder) present(names []string) []string {
	var out []string
	for _, n := range names {
		if st, err := os.Stat(filepath.Join(f.dir, n)); err == nil && st.Mode().IsRegular() {
			out = append(out, n)
		}
	}
	return out
}

// checksum returns the size and hex SHA-256 of a file.
func checksum(path string) (int, string, error) {
	r, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer r.Close()
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return 0, "", err
	}
	return int(n), hex.EncodeToString(h.Sum(nil)), nil
}
