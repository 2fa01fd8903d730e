package serve

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"

	"budgetpack/model"
	"budgetpack/templates"
)

// entry is a document the page may still ask packs of. It holds the
// model only: the uploaded bytes are dropped once read.
type entry struct {
	doc   *model.Document
	set   *templates.Set
	stem  string
	added time.Time
}

// store remembers the latest documents in memory, the oldest forgotten
// first, none longer than keepFor.
type store struct {
	mu      sync.Mutex
	byID    map[string]*entry
	order   []string
	keep    int
	keepFor time.Duration
}

func newStore(keep int, keepFor time.Duration) *store {
	return &store{byID: map[string]*entry{}, keep: keep, keepFor: keepFor}
}

func (s *store) add(e *entry) string {
	b := make([]byte, 16)
	rand.Read(b)
	id := hex.EncodeToString(b)
	e.added = time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byID[id] = e
	s.order = append(s.order, id)
	for len(s.order) > s.keep {
		delete(s.byID, s.order[0])
		s.order = s.order[1:]
	}
	return id
}

func (s *store) get(id string) *entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.byID[id]
	if e == nil {
		return nil
	}
	if time.Since(e.added) > s.keepFor {
		delete(s.byID, id)
		for i, o := range s.order {
			if o == id {
				s.order = append(s.order[:i], s.order[i+1:]...)
				break
			}
		}
		return nil
	}
	return e
}
