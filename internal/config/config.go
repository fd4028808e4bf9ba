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
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Defaults: the zero-setup install serves on loopback from a SQLite file.
const (
	DefaultAddr        = "127.0.0.1:8080"
	DefaultDatabaseURL = "sqlite:./data/attractor.db"
	// DefaultLinkedInURL is a local linkedinsim (`attractor linkedinsim`),
	// which serves LinkedIn's API, OAuth and widget hosts on one address.
	DefaultLinkedInURL = "http://127.0.0.1:8090"
	// DefaultLinkedInClientID and DefaultLinkedInClientSecret are the
	// partner (parent) app every linkedinsim world is seeded with. They
	// repeat linkedinsim.DefaultPartnerClientID and …Secret on purpose:
	// config does not import the simulator.
	DefaultLinkedInClientID     = "attractor-partner"
	DefaultLinkedInClientSecret = "attractor-partner-secret"
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
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed when they forward a request (ATTRACTOR_TRUSTED_PROXIES,
	// --trusted-proxies: comma-separated addresses or CIDR prefixes).
	TrustedProxies []netip.Prefix
	LinkedIn       LinkedIn
}

// LinkedIn is where LinkedIn (or linkedinsim) is and the partner app
// Attractor provisions customer apps with (rsc-api.md §1.1, §1.2). The
// hosts are origins without a trailing "/": real LinkedIn uses
// https://api.linkedin.com, https://www.linkedin.com and
// https://platform.linkedin.com.
type LinkedIn struct {
	APIURL       string // ATTRACTOR_LINKEDIN_API_URL, --linkedin-api-url: /v2/… calls
	AuthURL      string // ATTRACTOR_LINKEDIN_AUTH_URL, --linkedin-auth-url: /oauth/v2/…; default APIURL
	PlatformURL  string // ATTRACTOR_LINKEDIN_PLATFORM_URL, --linkedin-platform-url: the widgets' in.js; default APIURL
	ClientID     string // ATTRACTOR_LINKEDIN_CLIENT_ID, --linkedin-client-id: the partner app
	ClientSecret string // ATTRACTOR_LINKEDIN_CLIENT_SECRET (environment only: flags show in ps)
	// RecordsPerMinute and CallsPerDay are each customer app's budgets
	// (rsc-api.md §2.6); 0 is LinkedIn's 10,000 and 100,000, negative is
	// unlimited (for a local linkedinsim with its limits off).
	RecordsPerMinute int // ATTRACTOR_LINKEDIN_RECORDS_PER_MINUTE, --linkedin-records-per-minute
	CallsPerDay      int // ATTRACTOR_LINKEDIN_CALLS_PER_DAY, --linkedin-calls-per-day
	// StatusPoll is how often the integration status is re-read, in case
	// a notification was lost.
	StatusPoll time.Duration // ATTRACTOR_LINKEDIN_STATUS_POLL, --linkedin-status-poll
}

// DefaultLinkedInStatusPoll is how often the integration status is
// re-read by default.
const DefaultLinkedInStatusPoll = 5 * time.Minute

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
	{"trusted-proxies", "ATTRACTOR_TRUSTED_PROXIES", "", "reverse proxies (addresses or CIDR prefixes, comma-separated) whose X-Forwarded-For names the client"},
	{"linkedin-api-url", "ATTRACTOR_LINKEDIN_API_URL", DefaultLinkedInURL, "LinkedIn API host (https://api.linkedin.com); default: a local linkedinsim"},
	{"linkedin-auth-url", "ATTRACTOR_LINKEDIN_AUTH_URL", "the API URL", "LinkedIn OAuth host (https://www.linkedin.com)"},
	{"linkedin-platform-url", "ATTRACTOR_LINKEDIN_PLATFORM_URL", "the API URL", "LinkedIn widget host (https://platform.linkedin.com)"},
	{"linkedin-client-id", "ATTRACTOR_LINKEDIN_CLIENT_ID", DefaultLinkedInClientID, "client id of the partner (parent) app"},
	{"", "ATTRACTOR_LINKEDIN_CLIENT_SECRET", DefaultLinkedInClientSecret, "client secret of the partner app"},
	{"linkedin-records-per-minute", "ATTRACTOR_LINKEDIN_RECORDS_PER_MINUTE", "0", "records sent per minute per customer app; 0: LinkedIn's 10,000, negative: unlimited"},
	{"linkedin-calls-per-day", "ATTRACTOR_LINKEDIN_CALLS_PER_DAY", "0", "API calls per day per customer app; 0: LinkedIn's 100,000, negative: unlimited"},
	{"linkedin-status-poll", "ATTRACTOR_LINKEDIN_STATUS_POLL", "5m", "how often the integration status is re-read in case a notification was lost"},
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
	var level, proxies string
	fs.StringVar(&c.Addr, "addr", val("ATTRACTOR_ADDR", DefaultAddr), "address to listen on")
	fs.StringVar(&c.DatabaseURL, "database", val("ATTRACTOR_DATABASE_URL", DefaultDatabaseURL), "database URL")
	fs.StringVar(&c.PublicURL, "public-url", getenv("ATTRACTOR_PUBLIC_URL"), "public origin")
	fs.StringVar(&level, "log-level", val("ATTRACTOR_LOG_LEVEL", "info"), "log level")
	fs.StringVar(&c.LogFormat, "log-format", val("ATTRACTOR_LOG_FORMAT", "text"), "log format")
	fs.StringVar(&proxies, "trusted-proxies", getenv("ATTRACTOR_TRUSTED_PROXIES"), "trusted reverse proxies")
	li := &c.LinkedIn
	fs.StringVar(&li.APIURL, "linkedin-api-url", val("ATTRACTOR_LINKEDIN_API_URL", DefaultLinkedInURL), "LinkedIn API host")
	fs.StringVar(&li.AuthURL, "linkedin-auth-url", getenv("ATTRACTOR_LINKEDIN_AUTH_URL"), "LinkedIn OAuth host (default: the API URL)")
	fs.StringVar(&li.PlatformURL, "linkedin-platform-url", getenv("ATTRACTOR_LINKEDIN_PLATFORM_URL"), "LinkedIn widget host (default: the API URL)")
	fs.StringVar(&li.ClientID, "linkedin-client-id", val("ATTRACTOR_LINKEDIN_CLIENT_ID", DefaultLinkedInClientID), "partner app client id")
	li.ClientSecret = val("ATTRACTOR_LINKEDIN_CLIENT_SECRET", DefaultLinkedInClientSecret)
	var rpm, cpd, poll string
	fs.StringVar(&rpm, "linkedin-records-per-minute", val("ATTRACTOR_LINKEDIN_RECORDS_PER_MINUTE", "0"), "records per minute per customer app")
	fs.StringVar(&cpd, "linkedin-calls-per-day", val("ATTRACTOR_LINKEDIN_CALLS_PER_DAY", "0"), "calls per day per customer app")
	fs.StringVar(&poll, "linkedin-status-poll", val("ATTRACTOR_LINKEDIN_STATUS_POLL", DefaultLinkedInStatusPoll.String()), "status poll interval")
	if err := fs.Parse(args); err != nil {
		return c, nil, err
	}
	c.AdminEmail, c.AdminPassword = getenv("ATTRACTOR_ADMIN_EMAIL"), getenv("ATTRACTOR_ADMIN_PASSWORD")
	var perr error
	c.TrustedProxies, perr = parseProxies(proxies)
	return c, fs.Args(), errors.Join(c.finish(level), perr, li.parse(rpm, cpd, poll))
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
	errs = append(errs, c.LinkedIn.finish()...)
	if (c.AdminEmail == "") != (c.AdminPassword == "") {
		errs = append(errs, errors.New("ATTRACTOR_ADMIN_EMAIL and ATTRACTOR_ADMIN_PASSWORD go together"))
	}
	return errors.Join(errs...)
}

// finish checks the LinkedIn hosts and defaults the OAuth and widget
// hosts to the API host (one linkedinsim serves all three).
func (li *LinkedIn) finish() []error {
	if li.AuthURL == "" {
		li.AuthURL = li.APIURL
	}
	if li.PlatformURL == "" {
		li.PlatformURL = li.APIURL
	}
	var errs []error
	for _, h := range []struct {
		name string
		url  *string
	}{{"linkedin-api-url", &li.APIURL}, {"linkedin-auth-url", &li.AuthURL}, {"linkedin-platform-url", &li.PlatformURL}} {
		*h.url = strings.TrimRight(*h.url, "/")
		if u, err := url.Parse(*h.url); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("%s %q: want an http(s) URL", h.name, *h.url))
		}
	}
	if li.ClientID == "" || li.ClientSecret == "" {
		errs = append(errs, errors.New("ATTRACTOR_LINKEDIN_CLIENT_ID and ATTRACTOR_LINKEDIN_CLIENT_SECRET must not be empty"))
	}
	return errs
}

// parse reads the LinkedIn budgets and the status poll interval.
func (li *LinkedIn) parse(rpm, cpd, poll string) error {
	var errs []error
	var err error
	if li.RecordsPerMinute, err = strconv.Atoi(strings.TrimSpace(rpm)); err != nil {
		errs = append(errs, fmt.Errorf("linkedin-records-per-minute %q: want a whole number", rpm))
	}
	if li.CallsPerDay, err = strconv.Atoi(strings.TrimSpace(cpd)); err != nil {
		errs = append(errs, fmt.Errorf("linkedin-calls-per-day %q: want a whole number", cpd))
	}
	if li.StatusPoll, err = time.ParseDuration(strings.TrimSpace(poll)); err != nil || li.StatusPoll <= 0 {
		errs = append(errs, fmt.Errorf("linkedin-status-poll %q: want a positive duration such as 5m", poll))
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

// parseProxies reads a comma-separated list of addresses (one host each)
// and CIDR prefixes; an empty list trusts no proxy.
func parseProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for item := range strings.SplitSeq(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		p, err := netip.ParsePrefix(item)
		if err != nil {
			a, aerr := netip.ParseAddr(item)
			if aerr != nil {
				return nil, fmt.Errorf("trusted-proxies: %q is neither an IP address nor a CIDR prefix", item)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		if a := p.Addr(); a.Is4In6() && p.Bits() >= 96 { // ::ffff:10.0.0.0/104 is 10.0.0.0/8
			p = netip.PrefixFrom(a.Unmap(), p.Bits()-96)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
