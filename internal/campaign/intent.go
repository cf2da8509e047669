package campaign

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/handbill/handbill/internal/decode"
	"github.com/handbill/handbill/internal/diag"
)

// OutputIntent is the printing condition a print edition is made for: the
// print shop's ICC output profile and the name of its characterised
// condition. With one, the print edition is written as PDF/X-4 (ISO
// 15930-7), the profile embedded as its GTS_PDFX output intent.
type OutputIntent struct {
	// Profile is the ICC profile's path in the campaign folder.
	Profile string
	// Data is the profile as read (checked: an ICC output profile for
	// CMYK); Sum is its SHA-256 in hex, which the source version hashes.
	Data []byte `json:"-"`
	Sum  string
	// Condition is the output condition identifier, such as "FOGRA39"
	// (a characterisation in the ICC registry) or the shop's own name.
	Condition string
	// Info describes the condition for people, such as "Coated FOGRA39
	// (ISO 12647-2:2004), offset, paper type 1 or 2".
	Info string
	// Registry says Condition is a characterisation in the ICC registry
	// (color.org), which the profile's description or characterisation
	// target names; the file then gives /RegistryName.
	Registry bool

	at     scalar // where the profile is named, for errors
	loaded bool   // Data was read, or reading it was reported
}

// intentFile is print.output_intent in campaign.yaml or a layout.
type intentFile struct {
	Profile   scalar `yaml:"profile"`
	Condition scalar `yaml:"condition"`
	Info      scalar `yaml:"info"`
	At        at     `yaml:"-"`
}

// resolveIntent returns the output intent f names, or base when f is not
// given (a layout's output_intent replaces the campaign's as a whole). The
// profile is read later, from the campaign folder (loadIntent).
func resolveIntent(f intentFile, base *OutputIntent, l *diag.List) *OutputIntent {
	if !f.Profile.Set && !f.Condition.Set && !f.Info.Set {
		return base
	}
	if !f.Profile.Set {
		f.At.Errorf(l, "print.output_intent.profile", "expected the print shop's ICC output profile, like \"profile: assets/FOGRA39.icc\", found none")
		return base
	}
	if !f.Condition.Set || strings.TrimSpace(f.Condition.V) == "" {
		f.At.Errorf(l, "print.output_intent.condition", "expected the output condition the profile characterises, like \"condition: FOGRA39\", found none")
		return base
	}
	o := &OutputIntent{Profile: f.Profile.V, Condition: strings.TrimSpace(f.Condition.V), Info: strings.TrimSpace(f.Info.V), at: f.Profile}
	if id, ok := registryName(o.Condition); ok {
		o.Condition, o.Registry = id, true
		return o
	}
	if o.Info == "" {
		// ISO 15930-7 §6.2.2: a condition outside the registry is
		// described by /Info.
		f.At.Errorf(l, "print.output_intent.info", "expected a description of the printing condition %q, which is not in the ICC registry, like \"info: Uncoated 80 g/m², sheet-fed offset\", found none", o.Condition)
		return base
	}
	return o
}

// loadIntent reads and checks the profile of o once: it must be a regular
// file of at most 64 MB inside the campaign folder and an ICC output
// (printer) profile for CMYK with a readable header, its tags inside it,
// colour data and a description; for a registry condition, its
// description or characterisation target must name the condition.
func loadIntent(fsys fs.FS, o *OutputIntent, l *diag.List) {
	if o == nil || o.loaded {
		return
	}
	o.loaded = true
	const field = "print.output_intent.profile"
	name := path.Clean(o.Profile)
	if path.IsAbs(o.Profile) || strings.Contains(o.Profile, `\`) || !fs.ValidPath(name) {
		o.at.Errorf(l, field, "expected a profile file inside the campaign folder, like \"assets/FOGRA39.icc\", found %q", o.Profile)
		return
	}
	if ok, link, target := decode.Inside(fsys, name); !ok {
		o.at.Errorf(l, field, "expected a profile file inside the campaign folder, found %q, which leaves it: %s links to %s", o.Profile, link, target)
		return
	}
	data, err := readProfile(fsys, name)
	if err != nil {
		o.at.Errorf(l, field, "cannot read the ICC profile %s: %v", name, err)
		return
	}
	if err := checkProfile(data, o); err != nil {
		hint := "ask the print shop for the ICC profile of their press and paper (a CMYK output profile, such as ISOcoated_v2 for FOGRA39)"
		if o.Registry {
			hint += `, or name the condition the profile is for; for a profile of your own, write "condition: custom" and describe it in "info:"`
		}
		l.Add(diag.Diagnostic{Severity: diag.Error, File: o.at.File, Line: o.at.Line, Col: o.at.Col, Path: field,
			Msg: fmt.Sprintf("%s: %v", name, err), Hint: hint})
		return
	}
	sum := sha256.Sum256(data)
	o.Profile, o.Data, o.Sum = name, data, hex.EncodeToString(sum[:])
}

// readProfile reads a profile file: a regular file of at most maxProfile
// bytes.
func readProfile(fsys fs.FS, name string) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("expected a regular file, found a %s", st.Mode().Type())
	}
	if st.Size() > maxProfile {
		return nil, fmt.Errorf("expected a profile of at most 64 MB, found %d MB", st.Size()>>20)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxProfile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxProfile {
		return nil, fmt.Errorf("expected a profile of at most 64 MB, found more")
	}
	return data, nil
}

// checkProfile checks a profile for intent o: its header, its tags, and
// that it is for the registry condition o claims.
func checkProfile(data []byte, o *OutputIntent) error {
	if err := checkCMYKOutputProfile(data); err != nil {
		return err
	}
	p, err := readICC(data)
	if err != nil {
		return err
	}
	if err := p.checkOutputData(); err != nil {
		return err
	}
	if o.Registry && !p.names(o.Condition) {
		found := fmt.Sprintf("%q", decode.Clip(p.description, 80))
		if p.target != "" {
			found += fmt.Sprintf(" (characterisation %q)", decode.Clip(p.target, 80))
		}
		return fmt.Errorf("expected a profile for %s, whose description or characterisation names it, found one described as %s", o.Condition, found)
	}
	return nil
}

// checkCMYKOutputProfile checks an ICC profile's header (ICC.1:2010 §7.2):
// its size, the 'acsp' signature, a version PDF/X-4 accepts (2 or 4), the
// output device class ('prtr') and the CMYK colour space.
func checkCMYKOutputProfile(b []byte) error {
	if len(b) < 128 || string(b[36:40]) != "acsp" {
		return fmt.Errorf("expected an ICC profile (a 128-byte header with the signature 'acsp'), found %d bytes without it", len(b))
	}
	if size := binary.BigEndian.Uint32(b[0:4]); int64(size) != int64(len(b)) {
		return fmt.Errorf("expected an ICC profile of the %d bytes its header gives, found %d bytes (truncated or padded)", size, len(b))
	}
	if v := b[8]; v != 2 && v != 4 {
		return fmt.Errorf("expected an ICC profile of version 2 or 4, found version %d", v)
	}
	class, space := string(b[12:16]), string(b[16:20])
	if class != "prtr" || space != "CMYK" {
		return fmt.Errorf("expected a CMYK output profile (device class 'prtr', colour space 'CMYK'), found class '%s' and colour space '%s'", class, strings.TrimSpace(space))
	}
	return nil
}
