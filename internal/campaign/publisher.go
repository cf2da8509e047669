package campaign

import (
	"net/mail"
	"net/url"
	"strings"

	"github.com/handbill/handbill/internal/diag"
)

// publisherFile is publisher: in campaign.yaml, who publishes the campaign
// and how to reach them: the download site's footer, its link previews and
// the PDFs' Author say it. The name is written as itself (Cumbria Police)
// or as a message each locale translates ({message: publisher.name}), as
// data: values are.
type publisherFile struct {
	Name  dataFile `yaml:"name"`
	URL   scalar   `yaml:"url"`
	Email scalar   `yaml:"email"`
	// Logo is the issuer's logo, set beside its name in the layouts'
	// issuer lock-up (a block of kind issuer): an SVG in palette inks, or
	// a PNG or JPEG, with the message id of its alternative text.
	Logo *logoFile `yaml:"logo"`
	At   at        `yaml:"-"`
}

// logoFile is publisher.logo: the issuer's logo file and its alternative
// text.
type logoFile struct {
	Src variants `yaml:"src"`
	Alt scalar   `yaml:"alt"`
	At  at       `yaml:"-"`
}

// Publisher is who publishes the campaign, and how to reach them.
type Publisher struct {
	// Name is the publisher's name, the same in every locale; "" when
	// NameMessage names the message that gives it in each locale.
	Name        string
	NameMessage MessageRef
	URL         string // the publisher's web site, http(s), "" when none
	Email       string // a contact address, "" when none
	// Logo is the issuer's logo, set beside its name in the issuer
	// lock-up; nil when the campaign gives none (the lock-up is then the
	// name and the web address alone).
	Logo *Image
	At   Pos // where publisher: is written
}

// WebLabel is the publisher's web address as a reader reads it: its host
// and path, without the scheme or a final slash ("www.cumbria.police.uk");
// "" when it has none.
func (p *Publisher) WebLabel() string { return webLabel(p.URL) }

// webLabel is a web address as a reader reads it: its host and path,
// without the scheme or a final slash; "" for "".
func webLabel(u string) string {
	_, rest, _ := strings.Cut(u, "://")
	return strings.TrimSuffix(rest, "/")
}

// Contact reports whether a reader can reach the publisher: by its web
// site or by email.
func (p *Publisher) Contact() bool { return p.URL != "" || p.Email != "" }

// resolvePublisher resolves publisher: (nil when campaign.yaml has none),
// reading its logo's files once the campaign's locales are known.
func resolvePublisher(c *Campaign, pf *publisherFile, l *diag.List) *Publisher {
	if pf == nil {
		return nil
	}
	p := &Publisher{At: Pos{File: pf.At.File, Line: pf.At.Line, Col: pf.At.Col, Path: "publisher"}}
	if !pf.Name.Value.Set && !pf.Name.Message.Set && pf.Name.At.Line == 0 {
		d := pf.At.Diag("publisher", "missing field \"name\": expected who publishes the campaign, like \"Cumbria Police\" or {message: publisher.name}")
		d.Hint = "publisher: {name: Cumbria Police, url: https://www.cumbria.police.uk/, email: safeguarding@example.org}"
		l.Add(d)
	} else {
		p.Name, p.NameMessage, _ = resolveText(l, pf.Name, "publisher.name", `"Cumbria Police"`, "{message: publisher.name}")
	}
	if pf.URL.Set {
		p.URL = checkWebAddress(l, pf.URL, "publisher.url")
	}
	if pf.Email.Set {
		p.Email = checkEmail(l, pf.Email, "publisher.email")
	}
	if pf.Logo != nil {
		p.Logo = resolveLogo(c, pf.Logo, l)
	}
	return p
}

// resolveLogo reads publisher.logo: its src (a file, or one per locale)
// and its alt, the message id of the words a screen reader says for it
// (alt: "" when the name beside it says it all).
func resolveLogo(c *Campaign, f *logoFile, l *diag.List) *Image {
	const p = "publisher.logo"
	im := &Image{Mirror: true, src: f.Src, Alt: f.Alt.V, AltAt: posOf(f.Alt, p+".alt")}
	if len(f.Src) == 0 {
		d := f.At.Diag(p, "missing field \"src\": expected the issuer's logo file, like assets/logos/issuer.svg")
		d.Hint = "publisher: {name: Cumbria Police, logo: {src: assets/logos/issuer.svg, alt: publisher.logo}}"
		l.Add(d)
	}
	if !f.Alt.Set {
		f.At.Errorf(l, p, "missing field \"alt\": expected the message id of the logo's alternative text, or alt: \"\" when the name set beside it says it all")
	}
	resolveArt(c, im, p, l)
	return im
}

// checkWebAddress returns s if it is an absolute http or https address
// with a host, and reports it otherwise.
func checkWebAddress(l *diag.List, s scalar, p string) string {
	u, err := url.Parse(s.V)
	if err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && u.User == nil {
		return s.V
	}
	d := s.Diag(p, "expected a web address like \"https://www.example.org/\", found %q", s.V)
	if err == nil && u.Scheme == "" && !strings.ContainsAny(s.V, " @") {
		d.Hint = "write the address with its scheme: https://" + s.V
	}
	l.Add(d)
	return ""
}

// checkEmail returns s if it is a bare email address (no display name, no
// mailto:), and reports it otherwise.
func checkEmail(l *diag.List, s scalar, p string) string {
	a, err := mail.ParseAddress(s.V)
	if err == nil && a.Name == "" && a.Address == s.V {
		return s.V
	}
	d := s.Diag(p, "expected an email address like \"safeguarding@example.org\", found %q", s.V)
	if rest, ok := strings.CutPrefix(s.V, "mailto:"); ok {
		d.Hint = "write the address alone: " + rest
	}
	l.Add(d)
	return ""
}
