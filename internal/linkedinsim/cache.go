package linkedinsim

import (
	"context"
	"slices"
	"sync"
)

// Every partner API call resolves its bearer token to an app and checks
// that the app's integration in the call's context is enabled: three
// database reads per call that almost never change, and the largest cost
// of a sync call after its own write. cachedStore serves those three reads
// from memory and drops what it holds whenever this process changes apps,
// integrations or the world through it, so a disable is seen by the very
// next call. Simulators sharing one database are not supported: another
// process's change would not reach this cache.

// maxCachedTokens bounds the token cache; past it the cache starts over
// (tokens live 30 minutes and a client reuses one, so this is rare).
const maxCachedTokens = 10_000

// cachedStore is a Store whose token, app and integration lookups are
// cached. Services build one around the Store they are given.
type cachedStore struct {
	Store

	mu sync.Mutex
	// gen counts invalidations: a value read from the database before an
	// invalidation must not be cached after it.
	gen    uint64
	tokens map[string]AccessToken // by hash; a token row never changes
	apps   map[int64]*App
	ins    map[integrationsKey][]Integration
}

// integrationsKey is one app's integrations in one context.
type integrationsKey struct {
	appID   int64
	context string
}

func newCachedStore(s Store) *cachedStore {
	if c, ok := s.(*cachedStore); ok {
		return c
	}
	return &cachedStore{Store: s, tokens: map[string]AccessToken{}, apps: map[int64]*App{},
		ins: map[integrationsKey][]Integration{}}
}

// FindAccessToken serves a known token from memory. Expiry and the fault
// injector's revocation are checked by the caller on every call, from
// the token's own times, so caching the row does not extend a token.
func (c *cachedStore) FindAccessToken(ctx context.Context, hash []byte) (*AccessToken, error) {
	c.mu.Lock()
	t, ok := c.tokens[string(hash)]
	gen := c.gen
	c.mu.Unlock()
	if ok {
		return &t, nil
	}
	got, err := c.Store.FindAccessToken(ctx, hash)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen {
		if len(c.tokens) >= maxCachedTokens {
			clear(c.tokens)
		}
		c.tokens[string(hash)] = *got
	}
	return got, nil
}

// FindAppByID serves an app from memory; UpdateApp drops it.
func (c *cachedStore) FindAppByID(ctx context.Context, id int64) (*App, error) {
	c.mu.Lock()
	a, ok := c.apps[id]
	gen := c.gen
	c.mu.Unlock()
	if ok {
		return cloneApp(a), nil
	}
	got, err := c.Store.FindAppByID(ctx, id)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen {
		c.apps[id] = cloneApp(got)
	}
	return got, nil
}

// ListIntegrationsInContext serves an app's integrations in a context
// from memory; ChangeIntegrations drops them.
func (c *cachedStore) ListIntegrationsInContext(ctx context.Context, appID int64, context string) ([]Integration, error) {
	k := integrationsKey{appID: appID, context: context}
	c.mu.Lock()
	ins, ok := c.ins[k]
	gen := c.gen
	c.mu.Unlock()
	if ok {
		return slices.Clone(ins), nil
	}
	got, err := c.Store.ListIntegrationsInContext(ctx, appID, context)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen {
		c.ins[k] = slices.Clone(got)
	}
	return got, nil
}

// invalidate drops everything cached. It runs after a write has
// committed (or failed): a read that raced the write may have read the
// old state, and the generation keeps it from being cached.
func (c *cachedStore) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.tokens)
	clear(c.apps)
	clear(c.ins)
}

// ChangeIntegrations writes through and drops the cache: an integration's
// status decides every sync call's authorization.
func (c *cachedStore) ChangeIntegrations(ctx context.Context, appID int64,
	fn func(IntegrationSet) (IntegrationChange, error)) error {
	defer c.invalidate()
	return c.Store.ChangeIntegrations(ctx, appID, fn)
}

// UpdateApp writes through and drops the cache.
func (c *cachedStore) UpdateApp(ctx context.Context, id int64, upd AppUpdate) (*App, error) {
	defer c.invalidate()
	return c.Store.UpdateApp(ctx, id, upd)
}

// ResetWorld writes through and drops the cache: tokens and apps go with
// the world.
func (c *cachedStore) ResetWorld(ctx context.Context) error {
	defer c.invalidate()
	return c.Store.ResetWorld(ctx)
}

// WriteWorld writes through and drops the cache.
func (c *cachedStore) WriteWorld(ctx context.Context, d WorldData) error {
	defer c.invalidate()
	return c.Store.WriteWorld(ctx, d)
}

// cloneApp copies an app so a caller cannot change the cached one.
func cloneApp(a *App) *App {
	c := *a
	c.SecretHash = slices.Clone(a.SecretHash)
	c.ValidJSSDKDomains = slices.Clone(a.ValidJSSDKDomains)
	c.OAuth2CallbackURLs = slices.Clone(a.OAuth2CallbackURLs)
	return &c
}
