package linkedinsim

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
)

// Defaults: the simulator listens next to the ATS (which defaults to :8080)
// and keeps its own SQLite file, never the ATS's.
const (
	DefaultAddr        = "127.0.0.1:8090"
	DefaultDatabaseURL = "sqlite:./data/linkedinsim.db"
	DefaultSeed        = 1
	DefaultMembers     = 10_000
)

// Config is the simulator's configuration, passed from cmd to
// constructors; nothing in the package reads the environment.
type Config struct {
	Addr        string // LINKEDINSIM_ADDR, --addr
	DatabaseURL string // LINKEDINSIM_DATABASE_URL, --database
	Seed        int64  // LINKEDINSIM_SEED, --seed: world seed when seeding
	Members     int    // LINKEDINSIM_MEMBERS, --members: world size when seeding
	LogLevel    slog.Level
}

// Load reads the configuration: flags win over environment variables,
// which win over defaults. It returns the arguments left after the flags.
func Load(getenv func(string) string, args []string, stderr io.Writer) (Config, []string, error) {
	fs := flag.NewFlagSet("attractor linkedinsim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	val := func(env, def string) string {
		if v := getenv(env); v != "" {
			return v
		}
		return def
	}
	var c Config
	var seed, members, level string
	fs.StringVar(&c.Addr, "addr", val("LINKEDINSIM_ADDR", DefaultAddr), "address to listen on (host:port)")
	fs.StringVar(&c.DatabaseURL, "database", val("LINKEDINSIM_DATABASE_URL", DefaultDatabaseURL),
		"sqlite:PATH or postgres://…")
	fs.StringVar(&seed, "seed", val("LINKEDINSIM_SEED", strconv.Itoa(DefaultSeed)), "world seed")
	fs.StringVar(&members, "members", val("LINKEDINSIM_MEMBERS", strconv.Itoa(DefaultMembers)), "number of members")
	fs.StringVar(&level, "log-level", val("LINKEDINSIM_LOG_LEVEL", "info"), "debug, info, warn or error")
	if err := fs.Parse(args); err != nil {
		return c, nil, err
	}
	return c, fs.Args(), c.finish(seed, members, level)
}

// finish parses and validates the settings, reporting every problem.
func (c *Config) finish(seed, members, level string) error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("addr %q: want host:port", c.Addr))
	}
	if !strings.HasPrefix(c.DatabaseURL, "sqlite:") && !strings.HasPrefix(c.DatabaseURL, "postgres://") &&
		!strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		errs = append(errs, errors.New("database: want sqlite:PATH or postgres://…"))
	}
	var err error
	if c.Seed, err = strconv.ParseInt(seed, 10, 64); err != nil {
		errs = append(errs, fmt.Errorf("seed %q: want an integer", seed))
	}
	if c.Members, err = strconv.Atoi(members); err != nil || c.Members < MinMembers {
		errs = append(errs, fmt.Errorf("members %q: want an integer ≥ %d", members, MinMembers))
	}
	if err := c.LogLevel.UnmarshalText([]byte(level)); err != nil {
		errs = append(errs, fmt.Errorf("log-level %q: want debug, info, warn or error", level))
	}
	return errors.Join(errs...)
}
