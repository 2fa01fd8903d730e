package raw

// FilledTexts returns the texts of rows with every covered position
// showing the text of the merged cell over it, as a reader of a header
// sees it: a header cell merged over three columns heads each of them.
// Merged cells whose origin lies outside rows leave their positions blank.
func FilledTexts(rows []Row) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = r.Texts()
	}
	for i, r := range rows {
		for j, c := range r.Cells {
			if c.Covered || (c.ColSpan <= 1 && c.RowSpan <= 1) {
				continue
			}
			for di := 0; di < max(c.RowSpan, 1) && i+di < len(rows); di++ {
				cells := rows[i+di].Cells
				for dj := 0; dj < max(c.ColSpan, 1) && j+dj < len(cells); dj++ {
					if cells[j+dj].Covered {
						out[i+di][j+dj] = c.Text
					}
				}
			}
		}
	}
	return out
}

// Unmerged returns rows as a text export of the document prints them: a
// cell merged over several columns once, and a cell continuing a merge
// from the row above as one empty cell. Rows without merges come back as
// they are.
func Unmerged(rows []Row) []Row {
	type vmerge struct{ rows, cols int }
	active := map[int]vmerge{} // by first column: a merge from above
	out := make([]Row, len(rows))
	for i, r := range rows {
		out[i] = r
		merged := false
		for _, c := range r.Cells {
			merged = merged || c.Covered || c.RowSpan > 1
		}
		if !merged && len(active) == 0 {
			continue
		}
		cells := make([]Cell, 0, len(r.Cells))
		for j := 0; j < len(r.Cells); {
			c := r.Cells[j]
			if !c.Covered {
				cells = append(cells, c)
				if c.RowSpan > 1 {
					active[j] = vmerge{c.RowSpan - 1, max(c.ColSpan, 1)}
				}
				j += max(c.ColSpan, 1)
				continue
			}
			if v, ok := active[j]; ok {
				cells = append(cells, Cell{Line: c.Line, Covered: true})
				if v.rows--; v.rows <= 0 {
					delete(active, j)
				} else {
					active[j] = v
				}
				j += v.cols
				continue
			}
			j++ // covered from the left by a cell already kept
		}
		out[i].Cells = cells
	}
	return out
}
