package campaign

import (
	"fmt"
	"regexp"
	"time"

	"github.com/handbill/handbill/internal/diag"
)

// Review is a locale's review status: who checked the translation, when,
// and against which version of the source messages (messages.SourceHash of
// the source file then). A locale without a review, or reviewed against a
// source that has changed since, is a draft.
type Review struct {
	By         string
	On         time.Time // a date, UTC midnight
	SourceHash string    // "sha1-…" of the source messages reviewed against
	At         Pos       // where reviewed_by is written
}

// MessageRef is a message id written in campaign.yaml.
type MessageRef struct {
	ID string
	At Pos
}

var sourceHashPattern = regexp.MustCompile(`^sha1-[0-9a-f]{40}$`)

// resolveReview reads a locale entry's review fields: all three or none.
func resolveReview(l *diag.List, lf localeFile, p string) *Review {
	fields := []struct {
		s    scalar
		name string
	}{{lf.ReviewedBy, "reviewed_by"}, {lf.ReviewedOn, "reviewed_on"}, {lf.SourceHash, "source_hash"}}
	n := 0
	for _, f := range fields {
		if f.s.Set {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	if n < len(fields) {
		for _, f := range fields {
			if !f.s.Set {
				d := lf.Tag.Diag(p, "locale %s: a review needs reviewed_by, reviewed_on and source_hash; %s is missing", lf.Tag.V, f.name)
				d.Hint = fmt.Sprintf("record a review with: handbill locale review %s --by NAME", lf.Tag.V)
				l.Add(d)
			}
		}
		return nil
	}
	r := &Review{By: lf.ReviewedBy.V, SourceHash: lf.SourceHash.V, At: posOf(lf.ReviewedBy, p+".reviewed_by")}
	ok := true
	if r.By == "" {
		lf.ReviewedBy.Errorf(l, p+".reviewed_by", "expected the reviewer's name, found nothing")
		ok = false
	}
	on, err := time.Parse(time.DateOnly, lf.ReviewedOn.V)
	if err != nil {
		lf.ReviewedOn.Errorf(l, p+".reviewed_on", "expected a date like \"2026-12-01\", found %q", lf.ReviewedOn.V)
		ok = false
	}
	r.On = on
	if !sourceHashPattern.MatchString(r.SourceHash) {
		lf.SourceHash.Errorf(l, p+".source_hash", "expected the source hash the review was made against, like \"sha1-\" and 40 hex digits, found %q", r.SourceHash)
		ok = false
	}
	if !ok {
		return nil
	}
	return r
}

// resolveSameAsSource reads the ids of messages that may read the same in
// a translation as in the source (names, numbers).
func resolveSameAsSource(l *diag.List, ids []scalar) []MessageRef {
	var out []MessageRef
	seen := map[string]bool{}
	for i, s := range ids {
		p := fmt.Sprintf("same_as_source[%d]", i)
		if seen[s.V] {
			s.Errorf(l, p, "expected each message id once, found %q again", s.V)
			continue
		}
		seen[s.V] = true
		out = append(out, MessageRef{ID: s.V, At: posOf(s, p)})
	}
	return out
}
