package campaign

import (
	"maps"
	"slices"

	"github.com/handbill/handbill/internal/diag"
)

// dataFile is one value of data: in campaign.yaml: the value itself
// (Force: Cumbria Police), the same for every locale, or the id of a
// message (Council: {message: council.name}) that each locale translates
// or transliterates like any other.
type dataFile struct {
	Value   scalar `yaml:"value,bare"`
	Message scalar `yaml:"message"`
	At      at     `yaml:"-"`
}

// resolveData splits data: into the values every locale shares and the
// names whose value is a message id; each name's field path is prefix+NAME.
func resolveData(l *diag.List, df map[string]dataFile, prefix string) (map[string]string, map[string]MessageRef) {
	vals := map[string]string{}
	var msgs map[string]MessageRef
	for _, k := range slices.Sorted(maps.Keys(df)) {
		v, ref, ok := resolveText(l, df[k], prefix+k, `"Cumbria Police"`, "{message: council.name}")
		switch {
		case !ok:
		case ref.ID != "":
			if msgs == nil {
				msgs = map[string]MessageRef{}
			}
			msgs[k] = ref
		default:
			vals[k] = v
		}
	}
	return vals, msgs
}

// resolveText resolves one text written as itself or as {message: ID} at
// field path p: the text, or the message's reference (ID set); ok is false
// when it is neither, which is reported (value and message are examples
// of each form, for the error).
func resolveText(l *diag.List, d dataFile, p, value, message string) (string, MessageRef, bool) {
	switch {
	case d.Value.Set && d.Message.Set:
		d.Message.Errorf(l, p+".message", "expected a value or a message id, found both")
	case d.Message.Set && d.Message.V == "":
		d.Message.Errorf(l, p+".message", "expected a message id, found nothing")
	case d.Message.Set:
		return "", MessageRef{ID: d.Message.V, At: posOf(d.Message, p+".message")}, true
	case d.Value.Set:
		return d.Value.V, MessageRef{}, true
	default:
		dg := d.At.Diag(p, "expected a value like %s or a message like %s, found an empty mapping", value, message)
		dg.Hint = "a name the same in every language is written as it is; one that is translated names a message of the source locale"
		l.Add(dg)
	}
	return "", MessageRef{}, false
}
