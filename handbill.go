// Package handbill embeds the bundled campaign — campaign.yaml, its layouts,
// locales and fonts — so an installed binary builds it from any folder.
package handbill

import "embed"

// Bundled is the campaign shipped with handbill, rooted like a campaign
// folder.
//
//go:embed campaign.yaml layouts locales assets/fonts assets/logos assets/icons
var Bundled embed.FS
