// Package benchdoc builds large documents for benchmarks: a seed
// document whose 类/款/项 table is replaced by one of a chosen number of
// rows that add up, so that checks and layout can be measured at scale.
package benchdoc

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"budgetpack/model"
)

// Grow replaces the rows of the first table of doc that has 类/款/项 rows
// by about n rows: a 合计 row, then 类 rows with 5 款 rows each and 10 项
// rows under every 款, each total the sum of its parts.
// It returns the index of that table, or -1 if doc has none.
func Grow(doc *model.Document, n int) int {
	for ti := range doc.Tables {
		t := &doc.Tables[ti]
		var total, lei, kuan, xiang *model.Row // lei, kuan: only that the table has them
		for ri := range t.Rows {
			r := &t.Rows[ri]
			switch {
			case r.Role == model.RoleTotal && total == nil:
				total = r
			case r.Level == "类" && lei == nil:
				lei = r
			case r.Level == "款" && kuan == nil:
				kuan = r
			case r.Level == "项" && xiang == nil:
				xiang = r
			}
		}
		if lei == nil || kuan == nil || xiang == nil || total == nil {
			continue
		}
		// Every 项 row repeats the prototype's figures, so each 款 is 10
		// times them, each 类 50 times, and the column relations of the
		// prototype row hold in every row.
		row := func(code, name, level string, times int64) model.Row {
			r := *xiang
			r.Code, r.Name, r.Level = code, name, level
			r.Values = make(map[string]model.Amount, len(xiang.Values))
			for k, v := range xiang.Values {
				if !v.IsBlank() {
					v = model.NewAmount(v.Decimal().Mul(decimal.NewFromInt(times)), v.Places())
				}
				r.Values[k] = v
			}
			return r
		}
		const kuanPer, xiangPer = 5, 10
		perLei := 1 + kuanPer*(1+xiangPer)
		leis := max(1, (n-1)/perLei)
		rows := make([]model.Row, 0, 1+leis*perLei)
		tr := row("", total.Name, total.Level, int64(leis*kuanPer*xiangPer))
		tr.Label = total.Label
		rows = append(rows, tr)
		for l := range leis {
			lc := fmt.Sprintf("%03d", 100+l)
			rows = append(rows, row(lc, fmt.Sprintf("类%d", l), "类", kuanPer*xiangPer))
			for k := range kuanPer {
				kc := fmt.Sprintf("%s%02d", lc, k+1)
				rows = append(rows, row(kc, fmt.Sprintf("款%d-%d", l, k), "款", xiangPer))
				for x := range xiangPer {
					rows = append(rows, row(fmt.Sprintf("%s%02d", kc, x+1), fmt.Sprintf("项%d-%d-%d", l, k, x), "项", 1))
				}
			}
		}
		for i := range rows {
			rows[i].Line = i + 1
		}
		t.Rows = rows
		return ti
	}
	return -1
}

// ReportCPU adds the CPU time per operation since start (from CPUTime)
// to a benchmark's results as cpu-ms/op.
func ReportCPU(b interface {
	ReportMetric(float64, string)
	Elapsed() time.Duration
}, start time.Duration, n int) {
	if start == 0 || n == 0 {
		return
	}
	b.ReportMetric(float64(CPUTime()-start)/float64(n)/1e6, "cpu-ms/op")
}
