package site

import "resourcelib/internal/testenv"

// The digital.gov corpus's one image on another site: its file, line and
// column (see testenv.FixedDigitalGov, which makes it a link).
const (
	externalImage     = testenv.DigitalGovExternalImage
	externalImageLine = 62
	externalImageCol  = 1
)

// fixedDigitalGov is the corpus with its external image made a link.
var fixedDigitalGov = testenv.FixedDigitalGov
