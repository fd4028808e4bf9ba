package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// assets are the embedded static files, each with a hash of its content.
// URLs carry the hash, so a file can be cached for a year and a new
// release is fetched at once.
type assets struct {
	hash map[string]string // file name → first 12 hex digits of its SHA-256
}

// loadAssets hashes every static file.
func loadAssets() (*assets, error) {
	a := &assets{hash: map[string]string{}}
	err := fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a.hash[strings.TrimPrefix(p, "static/")] = hex.EncodeToString(sum[:6])
		return nil
	})
	return a, err
}

// assetURL is the template function naming a static file's URL; an
// unknown name is a template bug, so it panics at render time and the
// page tests catch it.
func (s *Server) assetURL(name string) string {
	h, ok := s.assets.hash[name]
	if !ok {
		panic("web: no static file " + name)
	}
	return "/static/" + h + "/" + name
}

// handleAsset serves GET /static/{hash}/{name...}. A hash that is not the
// file's current one is still answered (a page rendered before a deploy
// may ask) but not cached for long.
func (s *Server) handleAsset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	h, ok := s.assets.hash[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	b, err := fs.ReadFile(files, "static/"+name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if r.PathValue("hash") == h {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(b)
}
