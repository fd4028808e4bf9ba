// Package config turns flags and environment variables into the one Config
// that cmd/attractor passes to constructors. Nothing else reads the
// environment.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
)

// Defaults: the zero-setup install serves on loopback from a SQLite file.
const (
	DefaultAddr        = "127.0.0.1:8080"
	DefaultDatabaseURL = "sqlite:./data/attractor.db"
)

// Config is the ATS server configuration.
type Config struct {
	Addr          string // ATTRACTOR_ADDR, --addr
	DatabaseURL   string // ATTRACTOR_DATABASE_URL, --database
	PublicURL     string // ATTRACTOR_PUBLIC_URL, --public-url: this instance's origin
	AdminEmail    string // ATTRACTOR_ADMIN_EMAIL: first admin, created when no user exists
	AdminPassword string // ATTRACTOR_ADMIN_PASSWORD
	LogLevel      slog.Level
	LogFormat     string // text or json
}

// SecureCookies reports whether session cookies must be HTTPS-only, which
// follows from the public origin.
func (c Config) SecureCookies() bool {
	return strings.HasPrefix(c.PublicURL, "https://")
}

// Option documents one setting for --help and the README table.
type Option struct {
	Flag, Env, Default, Usage string
}

// Options lists every setting of `attractor serve`.
var Options = []Option{
	{"addr", "ATTRACTOR_ADDR", DefaultAddr, "address to listen on (host:port)"},
	{"database", "ATTRACTOR_DATABASE_URL", DefaultDatabaseURL, "sqlite:PATH or postgres://user@host:port/db"},
	{"public-url", "ATTRACTOR_PUBLIC_URL", "http://<addr>", "this instance's origin as browsers reach it"},
	{"log-level", "ATTRACTOR_LOG_LEVEL", "info", "debug, info, warn or error"},
	{"log-format", "ATTRACTOR_LOG_FORMAT", "text", "text or json"},
	{"", "ATTRACTOR_ADMIN_EMAIL", "", "creates this admin on first start when no user exists"},
	{"", "ATTRACTOR_ADMIN_PASSWORD", "", "password of that first admin (10+ characters)"},
}

// Load reads the configuration: flags win over environment variables, which
// win over defaults. It returns the arguments left after the flags.
func Load(getenv func(string) string, args []string, stderr io.Writer) (Config, []string, error) {
	fs := flag.NewFlagSet("attractor serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	val := func(env, def string) string {
		if v := getenv(env); v != "" {
			return v
		}
		return def
	}
	var c Config
	var level string
	fs.StringVar(&c.Addr, "addr", val("ATTRACTOR_ADDR", DefaultAddr), "address to listen on")
	fs.StringVar(&c.DatabaseURL, "database", val("ATTRACTOR_DATABASE_URL", DefaultDatabaseURL), "database URL")
	fs.StringVar(&c.PublicURL, "public-url", getenv("ATTRACTOR_PUBLIC_URL"), "public origin")
	fs.StringVar(&level, "log-level", val("ATTRACTOR_LOG_LEVEL", "info"), "log level")
	fs.StringVar(&c.LogFormat, "log-format", val("ATTRACTOR_LOG_FORMAT", "text"), "log format")
	if err := fs.Parse(args); err != nil {
		return c, nil, err
	}
	c.AdminEmail, c.AdminPassword = getenv("ATTRACTOR_ADMIN_EMAIL"), getenv("ATTRACTOR_ADMIN_PASSWORD")
	return c, fs.Args(), c.finish(level)
}

// finish validates the settings and fills derived defaults.
func (c *Config) finish(level string) error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("addr %q: want host:port", c.Addr))
	}
	if !strings.HasPrefix(c.DatabaseURL, "sqlite:") && !strings.HasPrefix(c.DatabaseURL, "postgres://") &&
		!strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		errs = append(errs, errors.New("database: want sqlite:PATH or postgres://…"))
	}
	if err := c.LogLevel.UnmarshalText([]byte(level)); err != nil {
		errs = append(errs, fmt.Errorf("log-level %q: want debug, info, warn or error", level))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log-format %q: want text or json", c.LogFormat))
	}
	if c.PublicURL == "" {
		c.PublicURL = "http://" + c.Addr
	} else if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("public-url %q: want an http(s) origin", c.PublicURL))
	}
	c.PublicURL = strings.TrimRight(c.PublicURL, "/")
	if (c.AdminEmail == "") != (c.AdminPassword == "") {
		errs = append(errs, errors.New("ATTRACTOR_ADMIN_EMAIL and ATTRACTOR_ADMIN_PASSWORD go together"))
	}
	return errors.Join(errs...)
}

// Logger builds the process logger from the configuration.
func (c Config) Logger(w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
