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
	editionNames = map[string]string{Public: layout.PublicPack, Review: layout.ReviewPack}
	fixNames     = map[string]string{NoFix: "原表", Derive: "重算更正（由明细重算合计）", Balance: "舍位平衡（保持合计）"}
	formatNames  = map[string]string{"xlsx": "Excel", "pdf": "PDF"}
)

// pack is one downloadable product of a document.
type pack struct {
	Edition, Fix, Format string
}

// buildPack lays out the document as render does: corrected first when a
// fix mode is given, checked, then laid out as the 公开版 or the 审核版.
// It is the one place the page decides what a pack holds.
var buildPack = func(doc *model.Document, set *templates.Set, p pack) (*grid.Book, error) {
	var fixed *fix.Result
	if p.Fix != NoFix {
		mode := fix.Derive
		if p.Fix == Balance {
			mode = fix.Balance
		}
		var err error
		if fixed, err = fix.Correct(doc, set, mode); err != nil {
			return nil, err
		}
		doc = fixed.Doc
	}
	findings, err := check.Run(doc, set)
	if err != nil {
		return nil, err
	}
	opt := layout.Options{Set: set, Review: p.Edition == Review, Findings: findings}
	if fixed != nil {
		opt.Corrections, opt.Skipped = fixed.Corrections, fixed.Skipped
	}
	return layout.Build(doc, opt)
}

// DefaultPackName names a pack as render names its files, without the
// extension: the input's stem, the correction and the pack (公开版, 审核版).
func DefaultPackName(stem, fixMode, kind string) string {
	switch fixMode {
	case Derive:
		return stem + "-重算更正-" + kind
	case Balance:
		return stem + "-舍位平衡-" + kind
	}
	return stem + "-" + kind
}

// packFileName is the name a pack is downloaded as.
func (s *Server) packFileName(stem string, p pack) string {
	return s.opt.PackName(stem, p.Fix, editionNames[p.Edition]) + "." + p.Format
}

// writePack draws the book in the pack's format.
func writePack(w io.Writer, b *grid.Book, format, font string) error {
	switch format {
	case "xlsx":
		return xlsx.Write(w, b)
	case "pdf":
		if err := pdf.CheckFont(b, font); err != nil {
			return err
		}
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
