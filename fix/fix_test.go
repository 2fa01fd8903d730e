package fix

import (
	"bytes"
	"encoding/json"
	"os"
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
				r, err := Correct(doc, set, mode.mode)
				if err != nil {
					t.Fatal(err)
				}
				golden.Check(t, filepath.Join("../testdata/golden", strings.TrimSuffix(filepath.Base(src), ".txt")+".fix-"+mode.name+".json"),
					golden.JSON(t, struct {
						Corrections []Correction `json:"corrections"`
						Skipped     []Skip       `json:"skipped"`
					}{r.Corrections, r.Skipped}))
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

// errorsAndWarnings counts a document's errors and warnings.
func errorsAndWarnings(t *testing.T, doc *model.Document, set *templates.Set) (int, int, []check.Finding) {
	t.Helper()
	fs, err := check.Run(doc, set)
	if err != nil {
		t.Fatal(err)
	}
	e, w, _ := check.Count(fs)
	return e, w, fs
}

// summaryTotals are the figures of the 收支总表's 总计 rows.
func summaryTotals(doc *model.Document) map[string]string {
	out := map[string]string{}
	for ti, tb := range doc.Tables {
		if tb.Kind != "income_expense_summary" {
			continue
		}
		for ri, r := range tb.Rows {
			for k, v := range r.Values {
				out[model.CellRef(ti, ri, k)] = v.String()
			}
		}
	}
	return out
}

// TestFixNeverWorse: on both seeds, either fix leaves no more errors and
// no more warnings than the published tables have, and the 收支总表 keeps
// every figure (its totals are the department's).
func TestFixNeverWorse(t *testing.T) {
	for _, mode := range []Mode{Derive, Balance} {
		for _, src := range []string{hebei, henan} {
			doc, set := load(t, src)
			e0, w0, _ := errorsAndWarnings(t, doc, set)
			r, err := Correct(doc, set, mode)
			if err != nil {
				t.Fatal(err)
			}
			e1, w1, _ := errorsAndWarnings(t, r.Doc, set)
			if e1 > e0 || w1 > w0 {
				t.Errorf("%s mode %d: errors %d → %d, warnings %d → %d", src, mode, e0, e1, w0, w1)
			}
			before, after := summaryTotals(doc), summaryTotals(r.Doc)
			for ref, v := range before {
				if after[ref] != v {
					t.Errorf("%s mode %d: 收支总表 %s changed %s → %s", src, mode, ref, v, after[ref])
				}
			}
		}
	}
}

// TestDeriveKeepsRoundingSlips: the seeds' totals differ from their parts
// only by rounding, so derive changes nothing and says so.
func TestDeriveKeepsRoundingSlips(t *testing.T) {
	for _, src := range []string{hebei, henan} {
		doc, set := load(t, src)
		r, err := Correct(doc, set, Derive)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Corrections) != 0 {
			t.Errorf("%s: derive changed %d rounding slips: %+v", src, len(r.Corrections), r.Corrections[0])
		}
		if len(r.Skipped) == 0 {
			t.Errorf("%s: derive did not say which slips it left", src)
		}
		for _, s := range r.Skipped {
			if s.Reason == "" || !strings.ContainsAny(s.Reason, "舍误") {
				t.Errorf("%s: skip without a reason: %+v", src, s)
			}
		}
	}
}

// TestDeriveMendsAMaterialSlip: a total misprinted beyond rounding is
// recomputed from its details; nothing else changes.
func TestDeriveMendsAMaterialSlip(t *testing.T) {
	data, err := os.ReadFile(hebei)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	// 支出总表 row 206 科学技术支出: the 合计 cell follows the name
	at := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == "864.57" && i > 560 && i < 575 {
			at = i
			break
		}
	}
	if at < 0 {
		t.Fatal("864.57 not found in the 支出总表")
	}
	lines[at] = strings.Replace(lines[at], "864.57", "846.57", 1)
	doc, err := parse.Bytes(hebei, []byte(strings.Join(lines, "\n")), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, set := load(t, hebei)
	r, err := Correct(doc, set, Derive)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Corrections) != 1 || r.Corrections[0].Original.String() != "846.57" || r.Corrections[0].Corrected.String() != "864.58" {
		t.Fatalf("corrections = %+v", r.Corrections)
	}
	if c := r.Corrections[0]; !strings.Contains(c.Basis, "由明细重算") {
		t.Errorf("basis %q", c.Basis)
	}
}

// TestBalance: balancing leaves no arithmetic finding except those it
// names as impossible to balance, changes no project's approved amount and
// no figure the narrative states, and moves each figure by one unit at most.
func TestBalance(t *testing.T) {
	// what cannot be balanced: the projects are approved amounts and 项目支出
	// is the department's figure; the 基本支出表's 人员经费 and 公用经费 and
	// their total are all stated in the narrative
	left := map[string][]string{
		hebei: {"cross.projects|合计|项目支出", "sum.columns|合计|一般公共预算基本支出/合计", "sum.total_row|合计|一般公共预算基本支出/合计"},
		henan: nil,
	}
	for _, src := range []string{hebei, henan} {
		doc, set := load(t, src)
		r, err := Correct(doc, set, Balance)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Corrections) == 0 {
			t.Fatalf("%s: no correction", src)
		}
		stated := statedFigures(doc)
		for _, c := range r.Corrections {
			diff := c.Corrected.Decimal().Sub(c.Original.Decimal()).Abs()
			if diff.GreaterThan(decimal.RequireFromString("0.01")) {
				t.Errorf("%s: %s changed by %s, more than one unit of the last digit", src, c.Ref, diff)
			}
			if strings.HasPrefix(c.Ref, "p") || strings.Contains(c.Ref, "project") {
				t.Errorf("%s: changed a project amount %s", src, c.Ref)
			}
			if stated[c.Original.Decimal().String()] {
				t.Errorf("%s: changed %s, a figure the narrative states", src, c.Original)
			}
			if !strings.Contains(c.Basis, "舍位平衡") {
				t.Errorf("%s: basis %q", src, c.Basis)
			}
		}
		for pi, p := range doc.Projects {
			for k, v := range p.Amounts {
				if got := r.Doc.Projects[pi].Amounts[k]; !got.Equal(v) {
					t.Errorf("%s: project %s %s changed %s → %s", src, p.Name, k, v, got)
				}
			}
		}
		_, _, before := errorsAndWarnings(t, doc, set)
		_, _, after := errorsAndWarnings(t, r.Doc, set)
		prose := func(fs []check.Finding) int {
			n := 0
			for _, f := range fs {
				if strings.HasPrefix(f.Rule, "prose.") && f.Severity != check.Info {
					n++
				}
			}
			return n
		}
		if prose(after) > prose(before) {
			t.Errorf("%s: balance contradicts the narrative: %d → %d findings", src, prose(before), prose(after))
		}
		var got []string
		for _, f := range after {
			if strings.HasPrefix(f.Rule, "sum.") || strings.HasPrefix(f.Rule, "cross.") {
				got = append(got, f.Rule+"|"+f.Row+"|"+f.Column)
			}
		}
		if strings.Join(got, "\n") != strings.Join(left[src], "\n") {
			t.Errorf("%s: arithmetic findings after balance:\n%s\nwant\n%s", src, strings.Join(got, "\n"), strings.Join(left[src], "\n"))
		}
		if len(r.Skipped) != len(left[src]) {
			t.Errorf("%s: %d differences named as left, want %d: %+v", src, len(r.Skipped), len(left[src]), r.Skipped)
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
