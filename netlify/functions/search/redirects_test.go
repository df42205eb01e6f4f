package main

import (
	"os"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestRedirects checks netlify.toml against this function: it is built
// from netlify/functions, and each rewrite to it arrives, through
// handlerPath, at the path the visitor asked for.
func TestRedirects(t *testing.T) {
	data, err := os.ReadFile("../../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Functions struct{ Directory string }
		Redirects []struct {
			From, To string
			Status   int
			Force    bool
		}
	}
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	if cfg.Functions.Directory != "netlify/functions" {
		t.Errorf(`[functions] directory = %q, want "netlify/functions"`, cfg.Functions.Directory)
	}
	seen := map[string]bool{}
	for _, r := range cfg.Redirects {
		if !strings.HasPrefix(r.To, functionPath+"/") && r.To != functionPath {
			continue
		}
		// A placeholder such as :lang stands for one path segment.
		from, to := strings.ReplaceAll(r.From, ":lang", "es"), strings.ReplaceAll(r.To, ":lang", "es")
		seen[r.From] = true
		if r.Status != 200 {
			t.Errorf("%s -> %s: status %d, want 200 (a rewrite, not a redirect)", r.From, r.To, r.Status)
		}
		if got := handlerPath(to); got != from {
			t.Errorf("%s -> %s: the function sees %s as %s, want %s", r.From, r.To, to, got, from)
		}
	}
	for _, p := range []string{"/search", "/api/search"} {
		if !seen[p] {
			t.Errorf("netlify.toml has no rewrite of %s to the search function", p)
		}
	}
}
