package fix

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"budgetpack/check"
	"budgetpack/internal/golden"
	"budgetpack/model"
	"budgetpack/model/parse"
	"budgetpack/templates"
)

const (
	hebei = "../testdata/hebei-xushui-gongxin-2024.txt"
	henan = "../testdata/henan-hongqi-gongxin-2023.txt"
)

func load(t *testing.T, src string) (*model.Document, *templates.Set) {
	t.Helper()
	doc, err := parse.File(src, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lib, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return doc, lib.Set(doc.Family)
}

func TestGoldenCorrections(t *testing.T) {
	for _, mode := range []struct {
		name string
		mode Mode
	}{{"derive", Derive}, {"balance", Balance}} {
		for _, src := range []string{hebei, henan} {
			t.Run(mode.name+"/"+filepath.Base(src), func(t *testing.T) {
				doc, set := load(t, src)
				_, corr, err := Apply(doc, set, mode.mode)
				if err != nil {
					t.Fatal(err)
				}
				golden.Check(t, filepath.Join("../testdata/golden", strings.TrimSuffix(filepath.Base(src), ".txt")+".fix-"+mode.name+".json"),
					golden.JSON(t, corr))
			})
		}
	}
}

// derivedRefs are the cells that some relation derives (totals).
func derivedRefs(doc *model.Document, set *templates.Set) map[string]bool {
	out := map[string]bool{}
	for _, r := range check.Relations(doc, set) {
		out[r.Total.Ref()] = true
	}
	return out
}

func TestDeriveNeverChangesALeaf(t *testing.T) {
	for _, src := range []string{hebei, henan} {
		doc, set := load(t, src)
		totals := derivedRefs(doc, set)
		eq := map[string]bool{}
		for _, e := range check.Equalities(doc, set) {
			eq[e.A.Ref()] = true
		}
		_, corr, err := Apply(doc, set, Derive)
		if err != nil {
			t.Fatal(err)
		}
		if len(corr) == 0 {
			t.Fatalf("%s: no correction", src)
		}
		for _, c := range corr {
			if !totals[c.Ref] && !eq[c.Ref] {
				t.Errorf("%s: changed a detail figure %s (%s %s %s)", src, c.Ref, c.Table, c.Row, c.Column)
			}
			if c.Basis == "" || c.Original.Equal(c.Corrected) {
				t.Errorf("%s: empty correction %+v", src, c)
			}
		}
	}
}

func TestDeriveFootsEverything(t *testing.T) {
	// what may stay: relations between leaves of two kinds (income against
	// expenditure, projects against 类 rows, details of two tables)
	allowed := map[string][]string{
		hebei: {"sum.rows|收入总计", "cross.projects|"},
		henan: {"cross.equal|", "cross.at_least|"},
	}
	for _, src := range []string{hebei, henan} {
		doc, set := load(t, src)
		fixed, _, err := Apply(doc, set, Derive)
		if err != nil {
			t.Fatal(err)
		}
		fs, err := check.Run(fixed, set)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if !strings.HasPrefix(f.Rule, "sum.") && !strings.HasPrefix(f.Rule, "cross.") {
				continue
			}
			ok := false
			for _, a := range allowed[src] {
				rule, row, _ := strings.Cut(a, "|")
				ok = ok || f.Rule == rule && strings.Contains(f.Row, row)
			}
			if !ok {
				t.Errorf("%s after --fix: %s", src, f.Message)
			}
		}
	}
}

func TestBalance(t *testing.T) {
	for _, src := range []string{hebei, henan} {
		doc, set := load(t, src)
		fixed, corr, err := Apply(doc, set, Balance)
		if err != nil {
			t.Fatal(err)
		}
		if len(corr) == 0 {
			t.Fatalf("%s: no correction", src)
		}
		for _, c := range corr {
			diff := c.Corrected.Decimal().Sub(c.Original.Decimal()).Abs()
			if diff.GreaterThan(decimal.RequireFromString("0.01")) {
				t.Errorf("%s: %s changed by %s, more than one unit of the last digit", src, c.Ref, diff)
			}
		}
		fs, err := check.Run(fixed, set)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if strings.HasPrefix(f.Rule, "sum.") || strings.HasPrefix(f.Rule, "cross.") {
				t.Errorf("%s after balance: an arithmetic finding is left: %s", src, f.Message)
			}
		}
	}
}

func TestApplyDoesNotChangeItsInput(t *testing.T) {
	doc, set := load(t, hebei)
	before, _ := json.Marshal(doc)
	if _, _, err := Apply(doc, set, Derive); err != nil {
		t.Fatal(err)
	}
	after, _ := json.Marshal(doc)
	if !bytes.Equal(before, after) {
		t.Error("Apply changed the published model")
	}
}
