package model

import "fmt"

// CellRef is the stable address of a table cell: the table's index in
// Document.Tables, the row's index in Table.Rows and the column key. Checks
// name the cells they concern by it and the layout finds them by it.
func CellRef(table, row int, key string) string { return fmt.Sprintf("t%d/r%d/%s", table, row, key) }

// ProjectRef is the stable address of a fact of a project's form: the
// project's index in Document.Projects and the field (total, plan3, i5.value …).
func ProjectRef(project int, field string) string { return fmt.Sprintf("p%d/%s", project, field) }
