package sqldb

import (
	"io/fs"
	"path"
	"slices"
	"strings"
)

// EngineMigrations overlays the migrations in dir/<engine>/ onto the
// portable files at the top of dir, presented as one flat directory as
// goose expects. The few engine-specific steps (search indexes) live in
// those subdirectories; an engine file replaces a core file of the same
// name, and version numbers are one sequence across all of them. Both the
// ATS store and the simulator's store migrate this way.
func EngineMigrations(dir fs.FS, engine Engine) fs.FS {
	return engineFS{core: dir, engine: string(engine)}
}

// engineFS overlays migrations/<engine>/*.sql onto the core directory. Only
// top-level names exist in it, which is all goose reads.
type engineFS struct {
	core   fs.FS
	engine string
}

// Open opens a top-level file from the engine directory or, failing that,
// from the core directory.
func (e engineFS) Open(name string) (fs.File, error) {
	if name != "." && path.Dir(name) == "." {
		if f, err := e.core.Open(path.Join(e.engine, name)); err == nil {
			return f, nil
		}
	}
	return e.core.Open(name)
}

// Glob matches pattern against the files of both directories.
func (e engineFS) Glob(pattern string) ([]string, error) {
	core, err := fs.Glob(e.core, pattern)
	if err != nil {
		return nil, err
	}
	own, err := fs.Glob(e.core, path.Join(e.engine, pattern))
	if err != nil {
		return nil, err
	}
	for _, name := range own {
		core = append(core, path.Base(name))
	}
	slices.Sort(core)
	return slices.Compact(core), nil
}

// ReadDir lists the top-level files of both directories, without the
// engine subdirectories themselves.
func (e engineFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(e.core, name)
	if err != nil || name != "." {
		return entries, err
	}
	own, err := fs.ReadDir(e.core, e.engine)
	if err != nil {
		return nil, err
	}
	out := slices.DeleteFunc(entries, fs.DirEntry.IsDir)
	for _, o := range own {
		out = slices.DeleteFunc(out, func(d fs.DirEntry) bool { return d.Name() == o.Name() })
	}
	out = append(out, own...)
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}
