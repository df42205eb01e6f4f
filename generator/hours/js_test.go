package hours

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"resourcelib/internal/testenv"
)

// TestJavaScriptAgrees runs the browser's port (static/js/hours.js) under
// Node on the shared vectors and on vectors generated here from this
// package's own answers (IsOpen, Next, and Status.Text with and without
// messages taken after hours, in English and in Spanish with the labels of
// layouts/i18n/es.yaml): every case of testdata/vectors.json swept at
// 43-minute steps over six days around each of its checks, which crosses
// DST changes, midnights and closures. The generated cases also carry the
// zone's offset table (BrowserJSONAt), and check-js.js reads each case
// both ways: through Intl and through the table. Node is on the project's machines;
// under CI a missing Node is a failure.
func TestJavaScriptAgrees(t *testing.T) {
	testenv.CIOnly(t, "the check of static/js/hours.js under Node", "CI=1 go test ./generator/hours -run JavaScript")
	node, err := exec.LookPath("node")
	if err != nil {
		testenv.Need(t, "node is not installed; static/js/hours.js cannot be checked")
	}
	raw, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var shared vectorFile
	if err := json.Unmarshal(raw, &shared); err != nil {
		t.Fatal(err)
	}
	type check struct {
		At       time.Time  `json:"at"`
		Open     bool       `json:"open"`
		Next     *time.Time `json:"next"`
		NextOpen bool       `json:"next_open"`
		// Status.Text with English labels, without and with messages
		// taken after hours.
		Text         string `json:"text,omitempty"`
		MessagesText string `json:"messages_text,omitempty"`
		// The same in Spanish (TextIn("es")).
		TextES         string `json:"text_es,omitempty"`
		MessagesTextES string `json:"messages_text_es,omitempty"`
	}
	type jsCase struct {
		Name       string  `json:"name"`
		Zone       string  `json:"zone"`
		ZoneName   string  `json:"zone_name,omitempty"`
		ZoneNameES string  `json:"zone_name_es,omitempty"`
		Offsets    []int64 `json:"offsets,omitempty"`
		AlwaysOpen bool    `json:"always_open"`
		Ranges     any     `json:"ranges"`
		Checks     []check `json:"checks"`
	}
	var rawCases struct {
		Cases []struct {
			Ranges json.RawMessage `json:"ranges"`
		} `json:"cases"`
	}
	json.Unmarshal(raw, &rawCases)
	var out struct {
		LabelsES map[string]string `json:"labels_es"`
		Cases    []jsCase          `json:"cases"`
	}
	spanish := spanishLabels(t)
	out.LabelsES = map[string]string{"open": spanish.Open, "closed": spanish.Closed, "messages": spanish.Messages,
		"answered": spanish.AnsweredFrom, "opens": spanish.Opens, "closes": spanish.Closes,
		"today": spanish.Today, "tomorrow": spanish.Tomorrow, "lang": "es"}
	total := 0
	for i, c := range shared.Cases {
		s := scheduleOf(t, c.Zone, c.AlwaysOpen, c.Ranges)
		jc := jsCase{Name: c.Name, Zone: c.Zone, ZoneName: ZoneName(s.Zone), ZoneNameES: ZoneNameIn(s.Zone, "es"),
			AlwaysOpen: c.AlwaysOpen, Ranges: rawCases.Cases[i].Ranges}
		if len(c.Checks) > 0 {
			var bj struct{ Offsets []int64 }
			json.Unmarshal([]byte(s.BrowserJSONAt(c.Checks[0].At)), &bj)
			jc.Offsets = bj.Offsets
		}
		seen := map[int64]bool{}
		for _, ch := range c.Checks {
			for t0 := ch.At.Add(-3 * 24 * time.Hour); t0.Before(ch.At.Add(3 * 24 * time.Hour)); t0 = t0.Add(43 * time.Minute) {
				if seen[t0.Unix()] {
					continue
				}
				seen[t0.Unix()] = true
				v := check{At: t0.UTC(), Open: s.IsOpen(t0)}
				if at, open, ok := s.Next(t0); ok {
					u := at.UTC()
					v.Next, v.NextOpen = &u, open
				}
				st := s.StatusAt(t0, true)
				v.MessagesText = st.Text(English)
				v.MessagesTextES = st.TextIn("es", spanish)
				st.Messages = false
				v.Text = st.Text(English)
				v.TextES = st.TextIn("es", spanish)
				jc.Checks = append(jc.Checks, v)
			}
		}
		total += len(jc.Checks)
		out.Cases = append(out.Cases, jc)
	}
	file := filepath.Join(t.TempDir(), "generated-vectors.json")
	data, _ := json.Marshal(out)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, vectors := range []string{"testdata/vectors.json", file} {
		cmd := exec.Command(node, "testdata/check-js.js", vectors)
		cmd.Env = append(os.Environ(), "TZ=Pacific/Auckland") // the visitor's zone must not matter
		got, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("static/js/hours.js disagrees with the Go package on %s:\n%s", filepath.Base(vectors), got)
		} else {
			t.Logf("%s: %s", filepath.Base(vectors), got)
		}
	}
	if total < 1000 {
		t.Errorf("only %d generated checks", total)
	}
}

// TestBrowserJSONRoundTrip checks that BrowserJSON writes what the vector
// reader (and so hours.js) reads back into the same schedule.
func TestBrowserJSONRoundTrip(t *testing.T) {
	raw, _ := os.ReadFile("testdata/vectors.json")
	var f vectorFile
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	for _, c := range f.Cases {
		s := scheduleOf(t, c.Zone, c.AlwaysOpen, c.Ranges)
		var back struct {
			Zone       string
			AlwaysOpen bool `json:"always_open"`
			Ranges     []vectorRange
		}
		if err := json.Unmarshal([]byte(s.BrowserJSON()), &back); err != nil {
			t.Fatal(err)
		}
		s2 := scheduleOf(t, back.Zone, back.AlwaysOpen, back.Ranges)
		for _, ch := range c.Checks {
			if s.IsOpen(ch.At) != s2.IsOpen(ch.At) {
				t.Errorf("%s: BrowserJSON %s changes IsOpen at %s", c.Name, s.BrowserJSON(), ch.At)
			}
		}
	}
}

// spanishLabels are Status.TextIn's labels from layouts/i18n/es.yaml, as
// the badges on the Spanish pages get them.
func spanishLabels(t *testing.T) Labels {
	t.Helper()
	data, err := os.ReadFile("../../layouts/i18n/es.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	l := Labels{Open: m["open_now"], Closed: m["closed_now"], Messages: m["taking_messages"], AnsweredFrom: m["answered_from"],
		Opens: m["opens"], Closes: m["closes"], Today: m["today"], Tomorrow: m["tomorrow"]}
	if l.Open == "" || l.Opens == "" || l.AnsweredFrom == "" || l.Tomorrow == "" {
		t.Fatalf("es.yaml lacks a label of the badge: %+v", l)
	}
	return l
}
