package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
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
