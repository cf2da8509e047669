package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// ExportReport says what Export wrote.
type ExportReport struct {
	Files   int
	Bytes   int64
	Removed int // files of the previous export the site no longer has
	// Kept counts the files of areas whose inputs had not changed since
	// the last export into the folder, left as they were (a campaign
	// with areas).
	Kept int
}

// Export writes the whole site into dir as static files — every page as
// FOLDER/index.html, every preview and PDF, and 404.html — for any web
// server, intranet or CDN. Make the Site with Config.Static so that links
// name index.html and the folder also works opened straight from a disk.
// Files are written atomically. The names written are listed in
// dir/.handbill-site; writing again into dir removes the files the last
// export listed that the site no longer has (a withdrawn language or
// layout does not stay online), and leaves other files alone. progress,
// when not nil, is called after each file. A campaign with areas is
// written area by area (exportAreas).
func (s *Site) Export(dir string, progress func(done, total int)) (*ExportReport, error) {
	if s.areas != nil {
		return s.exportAreas(dir, progress)
	}
	paths := s.Paths()
	rep := &ExportReport{}
	done := 0
	tick := func() {
		done++
		if progress != nil {
			progress(done, len(paths)+1)
		}
	}
	names, errs := s.writeAll(dir, "", paths, rep, tick)
	return s.finish(dir, names, errs, len(paths)+1, rep, tick)
}

// finish writes 404.html and the listing of an export that wrote names
// (total files in all, errs the ones that failed).
func (s *Site) finish(dir string, names, errs []string, total int, rep *ExportReport, tick func()) (*ExportReport, error) {
	// A web server sends 404.html for a missing address at any depth, so
	// its links start from the site's root (Config.Prefix).
	src := s.matched[0]
	nf, err := s.problemPage(src, s.cfg.Prefix, http.StatusNotFound, reason{text: src.w.T("site.error.address")})
	if err == nil {
		err = write(dir, "404.html", nf.plain.data)
	}
	if err != nil {
		errs = append(errs, fmt.Sprintf("404.html: %v", err))
	} else {
		rep.Files++
		rep.Bytes += int64(len(nf.plain.data))
	}
	tick()
	if len(errs) > 0 {
		return rep, fmt.Errorf("%d of %d files not written:\n\t%s", len(errs), total, strings.Join(errs, "\n\t"))
	}
	removed, err := replaceListing(dir, append(names, "404.html"))
	rep.Removed = removed
	return rep, err
}

// writeAll writes the site paths into dir/under, Renders at a time, and
// returns the names written (under included) and the failures, one line
// each. tick is called after each file.
func (s *Site) writeAll(dir, under string, paths []string, rep *ExportReport, tick func()) (names, errs []string) {
	type out struct {
		name string
		err  error
	}
	outs := make([]out, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range s.cfg.Renders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				name, data, err := s.exportFile(paths[i])
				name = under + name
				if err == nil {
					err = write(dir, name, data)
				}
				outs[i] = out{name, err}
				mu.Lock()
				if err == nil {
					rep.Files++
					rep.Bytes += int64(len(data))
				}
				tick()
				mu.Unlock()
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, o := range outs {
		if o.err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", o.name, o.err))
		} else {
			names = append(names, o.name)
		}
	}
	return names, errs
}

// listing is the file, in an exported folder, that lists the files the
// export wrote, one slash path a line.
const listing = ".handbill-site"

// replaceListing removes from dir the files the previous export listed
// that names lacks, and the folders that leaves empty, then lists names.
// It returns how many files it removed.
func replaceListing(dir string, names []string) (int, error) {
	keep := make(map[string]bool, len(names))
	for _, n := range names {
		keep[n] = true
	}
	old, err := os.ReadFile(filepath.Join(dir, listing))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	removed := 0
	for _, n := range strings.Split(string(old), "\n") {
		if n == "" || keep[n] || !fs.ValidPath(n) {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, fmt.Errorf("removing %s, which the site no longer has: %w", n, err)
		}
		removed++
		// Folders left empty go too; one with anything else in it stays.
		for d := filepath.Dir(p); d != filepath.Clean(dir); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break // not empty
			}
		}
	}
	slices.Sort(names)
	return removed, write(dir, listing, []byte(strings.Join(names, "\n")+"\n"))
}

// exportFile returns the file name and contents of the site path p in a
// static copy: a page is FOLDER/index.html, and / is the home page in
// the source language.
func (s *Site) exportFile(p string) (string, []byte, error) {
	rt := s.routes[p]
	switch rt.kind {
	case homePage:
		return p + "index.html", s.homes[s.matched[0].tag].plain.data, nil
	case localeHome, docPage, shortcut, letterPage:
		return p + "index.html", s.pages[p].plain.data, nil
	case fileRoute:
		return p, s.files[p].data, nil
	case readerPage:
		// Written once and not kept: an export has as many of these as
		// documents times languages, and they would push the documents
		// still to be written out of the cache.
		d := s.docData(rt)
		html, err := executeHTML("doc", d)
		return p + "index.html", html, err
	case pdfFile:
		b, _, err := s.render(context.Background(), rt)
		if err != nil {
			return p, nil, err
		}
		return p, b.data, nil
	}
	// A preview, rasterised from the cached document and not kept.
	d, _, err := s.doc(context.Background(), rt.lay, rt.loc.tag, rt.ed)
	if err != nil {
		return p, nil, err
	}
	data, err := s.preview(d, rt)
	return p, data, err
}

// write puts data at dir/name (a slash path from the site's own routes)
// through a temporary file and a rename, so a web server serving dir
// meanwhile sends the old file or the new one, never a part. Unlike
// atomicfile.Write it does not sync each file to disk: a site is
// hundreds of files, and syncing each made the export several times
// slower; a crash leaves files to write again, never a half-written one
// under a site name.
func write(dir, name string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
