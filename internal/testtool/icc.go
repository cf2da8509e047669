package testtool

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// FOGRA39Data is Fogra's characterisation data for FOGRA39 (offset on
// coated paper, ISO 12647-2:2004/Amd 1) as Debian's icc-profiles-free
// ships it (zlib licence; the data are Fogra's), in Argyll's .ti3 form.
const FOGRA39Data = "/usr/share/color/icc/FOGRA39L.ti3"

// fogra39Args are Argyll colprof's options for the FOGRA39 test profile:
// low quality (-ql: 5 s and 155 KB on a 2-core machine; -qm takes 19 s and
// 400 MB for 247 KB), FOGRA39's total ink limit of 330% (the .ti3 gives
// none), and a description that names the condition, as a press profile's
// does ("ISO Coated v2 (ECI)", "Coated FOGRA39 (ISO 12647-2:2004)").
var fogra39Args = []string{"-ql", "-l", "330",
	"-D", "Coated FOGRA39 (ISO 12647-2:2004), test profile by Argyll colprof -ql",
	"-C", "Characterisation data FOGRA39L: Fogra (www.fogra.org), via Debian icc-profiles-free"}

// FOGRA39Profile returns the path of a CMYK output profile for FOGRA39,
// built with Argyll's colprof from FOGRA39Data. It skips t, or fails it
// under HANDBILL_REQUIRE_TOOLS=1, when colprof (Debian's argyll) or the
// data (icc-profiles-free) are missing.
//
// The profile is cached in the user's cache folder
// (handbill/icc/FOGRA39-KEY.icc, KEY a hash of the data and the options),
// so only the first run on a machine spends colprof's seconds; it is not
// committed, since the characterisation data are Fogra's and the package
// states no licence of Fogra's for them. Without a cache folder, or when
// it cannot be written, it is built into t's temporary folder.
func FOGRA39Profile(t testing.TB) string {
	t.Helper()
	Need(t, "colprof")
	ti3, err := os.ReadFile(FOGRA39Data)
	if err != nil {
		Missing(t, FOGRA39Data+" (Debian package icc-profiles-free)", err)
	}
	h := sha256.New()
	h.Write(ti3)
	h.Write([]byte(strings.Join(fogra39Args, "\x00")))
	name := "FOGRA39-" + hex.EncodeToString(h.Sum(nil))[:16] + ".icc"
	var dirs []string
	if cache, err := os.UserCacheDir(); err == nil {
		dirs = append(dirs, filepath.Join(cache, "handbill", "icc"))
	}
	dirs = append(dirs, t.TempDir())
	for i, dir := range dirs {
		out := filepath.Join(dir, name)
		if _, err := os.Stat(out); err == nil {
			return out
		}
		err := buildFOGRA39(ti3, dir, out)
		if err == nil {
			return out
		}
		if i == len(dirs)-1 {
			t.Fatalf("building the FOGRA39 test profile with colprof: %v", err)
		}
		t.Logf("building the FOGRA39 test profile into the cache %s: %v; building it for this test only", dir, err)
	}
	return ""
}

// buildFOGRA39 runs colprof over ti3 in a scratch folder inside dir and
// renames its profile to out, so that a test running at the same time
// never reads a profile half written.
func buildFOGRA39(ti3 []byte, dir, out string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	work, err := os.MkdirTemp(dir, ".colprof-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if err := os.WriteFile(filepath.Join(work, "FOGRA39L.ti3"), ti3, 0o644); err != nil {
		return err
	}
	args := append(append([]string(nil), fogra39Args...), "-O", "profile.icc", "FOGRA39L")
	cmd := exec.Command("colprof", args...)
	cmd.Dir = work
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("colprof %s: %w\n%s", strings.Join(args, " "), err, msg)
	}
	return os.Rename(filepath.Join(work, "profile.icc"), out)
}
