package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"resourcelib/generator/search"
)

// Serve builds the site, watches it, and serves it on ln until ctx ends;
// then it waits for a background build and releases everything. A first
// build that fails is served as its list of problems, which turns into the
// site once they are fixed. Requests made while the first build runs wait
// for it.
func (d *Dev) Serve(ctx context.Context, ln net.Listener) error {
	defer d.Close()
	d.Build()
	if err := d.Watch(ctx); err != nil {
		fmt.Fprintf(d.cfg.Stderr, "generator: cannot watch for changes: %v\n", err)
	}
	srv := &http.Server{Handler: d, ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(d.endStreams)
	return serveUntil(ctx, srv, ln)
}

// ServeBuilt serves a finished build on ln until ctx ends, as production
// serves it: the files of the output folder out through Static (no reload
// script, no rebuild, no /_reload), searches from the index folder (as
// the search function answers them), and every answer with rules
// (netlify.toml's headers). It is what an audit of the public site
// measures; Serve is for editing.
func ServeBuilt(ctx context.Context, ln net.Listener, out, index string, rules []HeaderRule) error {
	root, err := os.OpenRoot(out)
	if err != nil {
		return err
	}
	defer root.Close()
	static, err := NewStatic(root.FS())
	if err != nil {
		return err
	}
	s, err := search.Open(index, search.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	h := NewHandler(Handlers{Rules: rules, Static: static, Search: s})
	return serveUntil(ctx, &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}, ln)
}

// serveUntil runs srv on ln until ctx ends, then shuts it down, giving
// open requests five seconds.
func serveUntil(ctx context.Context, srv *http.Server, ln net.Listener) error {
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(LimitConns(srv, ln, MaxConns)); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
