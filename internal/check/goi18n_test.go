package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"

	"github.com/handbill/handbill"
	"github.com/handbill/handbill/internal/edit"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/testtool"
)

// These tests hold handbill to go-i18n's own tool: goi18n is built from the
// go-i18n version in handbill's go.mod, inside handbill's own module, so it
// needs only the modules a handbill build already downloaded (.ci/run runs
// go mod download first) and never the network: GOPROXY=off.

var (
	goi18nOnce sync.Once
	goi18nBin  string
	goi18nErr  error
	goi18nDir  string
)

// goi18n returns the path of a goi18n binary, building it once.
func goi18n(t *testing.T) string {
	t.Helper()
	testtool.Need(t, "go")
	goi18nOnce.Do(func() {
		dir, err := os.MkdirTemp("", "handbill-goi18n-")
		if err != nil {
			goi18nErr = err
			return
		}
		goi18nDir = dir
		bin := filepath.Join(dir, "goi18n")
		cmd := exec.Command("go", "build", "-mod=readonly", "-o", bin, "github.com/nicksnyder/go-i18n/v2/goi18n")
		cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			goi18nErr = fmt.Errorf("go build goi18n (from the module cache; run go mod download): %v\n%s", err, out)
			return
		}
		goi18nBin = bin
	})
	if goi18nBin == "" {
		testtool.Missing(t, "goi18n", goi18nErr)
	}
	return goi18nBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if goi18nDir != "" {
		os.RemoveAll(goi18nDir)
	}
	os.Exit(code)
}

// bundledSource returns the bundled source messages.
func bundledSource(t *testing.T) *messages.File {
	t.Helper()
	cat, err := messages.Load(handbill.Bundled, "locales", "en-GB", nil)
	if err != nil {
		t.Fatal(err)
	}
	return cat.File("en-GB")
}

// merge runs `goi18n merge` on files (name → content) in a scratch folder
// and returns what it writes.
func merge(t *testing.T, source string, files map[string][]byte) map[string][]byte {
	t.Helper()
	bin := goi18n(t)
	in, out := t.TempDir(), t.TempDir()
	args := []string{"merge", "-sourceLanguage", source, "-outdir", out, "-format", "toml"}
	for name, data := range files {
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	testtool.Run(t, bin, args...)
	got := map[string][]byte{}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		got[e.Name()] = data
	}
	return got
}

func parseTOML(t *testing.T, name string, data []byte) map[string]*i18n.Message {
	t.Helper()
	mf, err := i18n.ParseMessageFileBytes(data, name, map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := map[string]*i18n.Message{}
	for _, m := range mf.Messages {
		out[m.ID] = m
	}
	return out
}

// TestHashEqualsGoi18n: for an empty translation file goi18n writes every
// source message to translate, with the hash it computes; handbill's Hash
// must give the same for every message, and PluralForms the same plural
// categories, for languages with each shape of plural rule.
func TestHashEqualsGoi18n(t *testing.T) {
	src := bundledSource(t)
	data, err := os.ReadFile(filepath.Join("..", "..", src.Path))
	if err != nil {
		t.Fatal(err)
	}
	tags := []string{"pl", "ar", "zh-Hans", "cy", "es", "so"}
	files := map[string][]byte{"en-GB.toml": data}
	for _, tag := range tags {
		files[tag+".toml"] = nil
	}
	out := merge(t, "en-GB", files)
	for _, tag := range tags {
		name := "translate." + tag + ".toml"
		got, ok := out[name]
		if !ok {
			t.Fatalf("goi18n wrote no %s; it wrote %v", name, keys(out))
		}
		msgs := parseTOML(t, name, got)
		if len(msgs) != len(src.Messages) {
			t.Errorf("%s: %d messages, want %d", name, len(msgs), len(src.Messages))
		}
		forms, err := messages.PluralForms(tag)
		if err != nil {
			t.Fatal(err)
		}
		for id, sm := range src.Messages {
			m := msgs[id]
			if m == nil {
				t.Errorf("%s: no %s", name, id)
				continue
			}
			if h := messages.Hash(sm); m.Hash != h {
				t.Errorf("%s: %s: goi18n hash %s, handbill %s", name, id, m.Hash, h)
			}
			if messages.IsPlural(sm) && !slices.Equal(messages.Forms(m), forms) {
				t.Errorf("%s: %s: goi18n asks for forms %v, handbill's PluralForms(%s) = %v", name, id, messages.Forms(m), tag, forms)
			}
		}
	}
}

// TestLocaleAddRoundTrips: a file written for a new locale, in each
// format, loads in go-i18n with every message, description, hash and form;
// and goi18n merge, which discards a translation whose hash is not the
// source's, keeps every message of the TOML one as translated.
func TestLocaleAddRoundTrips(t *testing.T) {
	src := bundledSource(t)
	for _, format := range []string{"toml", "json", "yaml"} {
		data, err := edit.NewLocaleFile(src, "sexting", "pl", format)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		mf, err := i18n.ParseMessageFileBytes(data, "pl."+format, map[string]i18n.UnmarshalFunc{
			"toml": toml.Unmarshal, "json": json.Unmarshal, "yaml": yaml.Unmarshal})
		if err != nil {
			t.Fatalf("%s: go-i18n cannot read it: %v\n%s", format, err, data)
		}
		if len(mf.Messages) != len(src.Messages) {
			t.Errorf("%s: %d messages, want %d", format, len(mf.Messages), len(src.Messages))
		}
		for _, m := range mf.Messages {
			sm := src.Messages[m.ID]
			if sm == nil {
				t.Errorf("%s: unknown id %q", format, m.ID)
				continue
			}
			if m.Description != sm.Description || m.Hash != messages.Hash(sm) || m.Other != sm.Other {
				t.Errorf("%s: %s = %+v, want the source's description, hash and text", format, m.ID, m)
			}
			if messages.IsPlural(sm) && !slices.Equal(messages.Forms(m), []string{"one", "few", "many", "other"}) {
				t.Errorf("%s: %s has forms %v, want Polish's one, few, many, other", format, m.ID, messages.Forms(m))
			}
		}
	}

	srcData, err := os.ReadFile(filepath.Join("..", "..", src.Path))
	if err != nil {
		t.Fatal(err)
	}
	pl, err := edit.NewLocaleFile(src, "sexting", "pl", "toml")
	if err != nil {
		t.Fatal(err)
	}
	out := merge(t, "en-GB", map[string][]byte{"en-GB.toml": srcData, "pl.toml": pl})
	if tr, ok := out["translate.pl.toml"]; ok && len(bytes.TrimSpace(tr)) > 0 {
		t.Errorf("goi18n wants these translated again (a hash it does not accept?):\n%s", tr)
	}
	active := parseTOML(t, "active.pl.toml", out["active.pl.toml"])
	if len(active) != len(src.Messages) {
		t.Errorf("goi18n kept %d of %d messages as translated", len(active), len(src.Messages))
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
