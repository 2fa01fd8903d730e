package serve

import (
	"fmt"
	"io"

	"budgetpack/check"
	"budgetpack/fix"
	"budgetpack/model"
	"budgetpack/render/grid"
	"budgetpack/render/layout"
	"budgetpack/render/pdf"
	"budgetpack/render/xlsx"
	"budgetpack/templates"
)

// Editions of a pack.
const (
	// Public is 公开版: the publishable tables, no shading, comments or appendix.
	Public = "public"
	// Review is 审核版: shading, comments and the discrepancy appendix.
	Review = "review"
)

// Fix modes of a pack: none, derive (由明细重算合计), balance (舍位平衡).
const (
	NoFix   = ""
	Derive  = "derive"
	Balance = "balance"
)

// Formats of a pack.
var formats = []string{"xlsx", "pdf"}

// editionNames and fixNames are the words the packs and the page use.
var (
	editionNames = map[string]string{Public: "公开版", Review: "审核版"}
	fixNames     = map[string]string{NoFix: "原表", Derive: "更正（由明细重算合计）", Balance: "更正（舍位平衡）"}
	fixSuffix    = map[string]string{NoFix: "", Derive: "-更正", Balance: "-舍位平衡"}
	formatNames  = map[string]string{"xlsx": "Excel", "pdf": "PDF"}
)

// pack is one downloadable product of a document.
type pack struct {
	Edition, Fix, Format string
}

// buildPack lays out the document as the edition asks, corrected first
// when a fix mode is given. It is the one place the page decides what a
// pack holds; the command's render builds the same books.
var buildPack = func(doc *model.Document, set *templates.Set, p pack) (*grid.Book, error) {
	var corrections []fix.Correction
	if p.Fix != NoFix {
		mode := fix.Derive
		if p.Fix == Balance {
			mode = fix.Balance
		}
		var err error
		if doc, corrections, err = fix.Apply(doc, set, mode); err != nil {
			return nil, err
		}
	}
	if p.Edition == Public {
		return layout.Build(doc, layout.Options{Set: set})
	}
	findings, err := check.Run(doc, set)
	if err != nil {
		return nil, err
	}
	return layout.Build(doc, layout.Options{Set: set, Findings: findings, Appendix: true, Corrections: corrections})
}

// packFileName is the name a pack is downloaded as: the input's stem,
// the correction, the edition and the format.
var packFileName = func(stem string, p pack) string {
	return fmt.Sprintf("%s%s-%s.%s", stem, fixSuffix[p.Fix], editionNames[p.Edition], p.Format)
}

// writePack draws the book in the pack's format.
func writePack(w io.Writer, b *grid.Book, format, font string) error {
	switch format {
	case "xlsx":
		return xlsx.Write(w, b)
	case "pdf":
		return pdf.Write(w, b, pdf.Options{Font: font})
	}
	return fmt.Errorf("不支持的格式 %q (unknown format)", format)
}

// validPack reports whether the pack names a known edition, fix and format.
func validPack(p pack) bool {
	_, e := editionNames[p.Edition]
	_, f := fixNames[p.Fix]
	_, x := formatNames[p.Format]
	return e && f && x
}
