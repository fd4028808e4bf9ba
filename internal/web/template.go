package web

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"
)

// files holds the templates and static files, embedded so the binary needs
// nothing on disk.
//
//go:embed templates static
var files embed.FS

// pages holds every page template, each a clone of the layout and partials
// with the page's own blocks ("title" is optional, "content" required).
type pages struct {
	set map[string]*template.Template
}

// parsePages parses the layout and partials once, then each page on a
// clone of them, and checks that every page defines its content.
func parsePages(funcs template.FuncMap) (*pages, error) {
	root, err := template.New("root").Funcs(funcs).ParseFS(files, "templates/layout/*.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	names, err := fs.Glob(files, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{set: map[string]*template.Template{}}
	for _, file := range names {
		t, err := template.Must(root.Clone()).ParseFS(files, file)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", file, err)
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("%s defines no content block", file)
		}
		p.set[strings.TrimSuffix(path.Base(file), ".html")] = t
	}
	return p, nil
}

// execute renders the named page in the layout.
func (p *pages) execute(w io.Writer, name string, view any) error {
	return p.executeBlock(w, name, "base", view)
}

// executeBlock renders one block of a page on its own, for the fragments
// htmx swaps into a page already shown.
func (p *pages) executeBlock(w io.Writer, name, block string, view any) error {
	t, ok := p.set[name]
	if !ok {
		return fmt.Errorf("no page template %q", name)
	}
	return t.ExecuteTemplate(w, block, view)
}

// funcs are the helpers templates may call. Anything page-specific
// belongs on the page's view type as a method instead.
func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":    s.assetURL,
		"date":     func(t time.Time) string { return t.UTC().Format("2 Jan 2006") },
		"datetime": func(t time.Time) string { return t.UTC().Format("2 Jan 2006, 15:04 UTC") },
		"isotime":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"label":    label,
		"add":      func(a, b int) int { return a + b },
		"percent":  percent,
		"field":    newField,
	}
}

// percent is done/total as a whole percentage, 0 when total is 0.
func percent(done, total int) int {
	if total <= 0 {
		return 0
	}
	return min(100, done*100/total)
}
