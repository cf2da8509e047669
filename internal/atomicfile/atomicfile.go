// Package atomicfile writes a file so that readers see the old file or the
// new one, never a part of either: a temporary file in the same folder,
// synced, then renamed over the target. It serves every command that
// writes into a folder a user keeps (PDFs, the manifest, locale files,
// campaign.yaml, proofs) and imports nothing internal.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Write writes data to path through a temporary file in the same folder
// (.NAME.RANDOM.tmp, see IsTemp) and a rename. On any error the temporary
// file is removed and path is left as it was.
func Write(path string, data []byte) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// IsTemp says whether name (a base name) is a temporary file Write makes
// for a target whose base name starts with prefix.
func IsTemp(name, prefix string) bool {
	return strings.HasPrefix(name, "."+prefix) && strings.HasSuffix(name, ".tmp")
}
