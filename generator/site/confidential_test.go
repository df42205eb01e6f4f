package site

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// shelterYAML is a synthetic organization with a confidential location.
const shelterYAML = `# Synthetic test data: not a real organization.
name: Zebraville Safe House
description: A synthetic shelter.
locations:
  - location_type: confidential
    address: {address_1: 4417 Quokka Lane, city: Zebraville, state_province: CA, postal_code: "93499"}
`

// TestConfidentialPages: what a page publishes is checked as the file
// reads, as its front matter decodes and as its Markdown renders, each
// problem once, at its place.
func TestConfidentialPages(t *testing.T) {
	for _, tc := range []struct {
		name, page string
		want       []string
	}{
		{"text", "---\ntitle: A\n---\nAt 4417 Quokka Lane.\n",
			[]string{"content/a.md:4:4: error: this gives the street address"}},
		{"front matter param", "---\ntitle: A\nextra:\n  where: [Zebraville, CA 93499]\n---\nHello.\n",
			[]string{"content/a.md:4:26: error: this gives the postal code"}},
		{"escaped title", "---\ntitle: \"\\x34417 Quokka Lane\"\n---\nHello.\n",
			[]string{"content/a.md:2:8: error: `title`, as it reads, gives the street address"}},
		{"escaped nested param", "---\ntitle: A\nextra:\n  where: \"\\u0034417 Quokka Ln\"\n---\nHello.\n",
			[]string{"content/a.md:4:3: error: `extra`, as it reads, gives the street address"}},
		{"one error for a value found in the text", "---\ntitle: A\ndescription: >-\n  Near 4417\n  Quokka Lane\n---\nHello.\n",
			[]string{"content/a.md:4:8: error: this gives the street address"}},
		{"rendered", "---\ntitle: A\n---\nAt 4417 Quo**kka** Lane.\n",
			[]string{"content/a.md: error: the page's text, as rendered, gives the street address"}},
		{"rendered entity", "---\ntitle: A\n---\nAt 4417 Quo&shy;kka Lane.\n",
			[]string{"content/a.md:4:4: error: this gives the street address"}},
		{"draft", "---\ntitle: A\ndraft: true\n---\nAt 4417 Quokka Lane.\n",
			[]string{"content/a.md:5:4: error: this gives the street address"}},
		{"clean", "---\ntitle: A\n---\nShelters in Zebraville, CA.\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := fstest.MapFS{
				"content/_index.md":                  {Data: []byte("---\ntitle: Home\n---\n")},
				"content/a.md":                       {Data: []byte(tc.page)},
				"content/organizations/shelter.yaml": {Data: []byte(shelterYAML)},
			}
			res, _ := Check(Options{Source: src, Theme: os.DirFS("../..")})
			var got []string
			for _, p := range res.Problems {
				e := p.Error()
				if i := strings.Index(e, " of the confidential location"); i >= 0 {
					got = append(got, e[:i])
				} else {
					got = append(got, e)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
