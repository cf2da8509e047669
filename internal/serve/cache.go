package serve

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// blob is a response body with what its headers need.
type blob struct {
	data  []byte
	etag  string // strong validator: the content hash, quoted
	ctype string
}

func newBlob(data []byte, ctype string) *blob {
	sum := sha256.Sum256(data)
	return &blob{data: data, etag: `"` + hex.EncodeToString(sum[:16]) + `"`, ctype: ctype}
}

// cache keeps computed values (composed documents, PDFs, PNGs) up to a
// total size in bytes, dropping the least recently used first, and runs at
// most one computation per key at a time: concurrent requests for the
// same key share the first one's result.
type cache struct {
	mu    sync.Mutex
	max   int64
	size  int64
	lru   *list.List // of *entry, most recently used first
	items map[string]*list.Element
	calls map[string]*call

	hits, misses, runs int64 // runs: computations started
}

type entry struct {
	key  string
	val  any
	size int64
}

type call struct {
	done chan struct{}
	val  any
	err  error
}

func newCache(max int64) *cache {
	return &cache{max: max, lru: list.New(), items: map[string]*list.Element{}, calls: map[string]*call{}}
}

// get returns the value of key, computing it with fn when it is not
// cached; fn returns the value and its size in bytes. hit says whether the
// value was there already. The computation is detached from ctx: when ctx
// ends first, get returns ctx's error, and the computation still finishes
// and fills the cache for the next request. (The keys a site can ask for
// are finite and few, so detached computations are bounded too.) Errors
// are not cached.
func (c *cache) get(ctx context.Context, key string, fn func() (any, int64, error)) (val any, hit bool, err error) {
	c.mu.Lock()
	if el, ok := c.items[key]; ok {
		c.lru.MoveToFront(el)
		c.hits++
		c.mu.Unlock()
		return el.Value.(*entry).val, true, nil
	}
	c.misses++
	cl, running := c.calls[key]
	if !running {
		cl = &call{done: make(chan struct{})}
		c.calls[key] = cl
		c.runs++
		go func() {
			v, size, err := fn()
			c.mu.Lock()
			delete(c.calls, key)
			if err == nil {
				c.add(key, v, size)
			}
			c.mu.Unlock()
			cl.val, cl.err = v, err
			close(cl.done)
		}()
	}
	c.mu.Unlock()
	select {
	case <-cl.done:
		return cl.val, false, cl.err
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
}

// put stores a value computed elsewhere.
func (c *cache) put(key string, v any, size int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.add(key, v, size)
}

// add stores a value; c.mu is held. A value larger than the whole cache is
// not kept.
func (c *cache) add(key string, v any, size int64) {
	if size > c.max {
		return
	}
	if el, ok := c.items[key]; ok {
		c.size -= el.Value.(*entry).size
		c.lru.Remove(el)
	}
	c.items[key] = c.lru.PushFront(&entry{key: key, val: v, size: size})
	c.size += size
	for c.size > c.max {
		el := c.lru.Back()
		e := el.Value.(*entry)
		c.lru.Remove(el)
		delete(c.items, e.key)
		c.size -= e.size
	}
}

// Stats describe a cache.
type Stats struct {
	Entries int   // values held
	Bytes   int64 // their total size
	Hits    int64 // requests answered from the cache
	Misses  int64 // requests that waited for a computation
	Renders int64 // computations run (concurrent misses of one key share one)
}

func (c *cache) stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{len(c.items), c.size, c.hits, c.misses, c.runs}
}
