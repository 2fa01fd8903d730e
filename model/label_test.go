package model

import "testing"

// TestColumnLabel names columns for messages as the corpus prints them
// where the words differ from the official header, and by the official
// header where they agree or the page prints a shorter form of it.
func TestColumnLabel(t *testing.T) {
	tests := []struct {
		header, printed, want string
	}{
		// 广州's 收入总体情况表
		{"财政专户管理资金", "财政专户拨款收入 / 其他专户收入拨款", "其他专户收入拨款"},
		{"财政专户拨款收入 / 教育收费", "财政专户拨款收入 / 教育收费", "财政专户拨款收入/教育收费"},
		// 西安's 收入总表: a 小计 is named with its group
		{"一般公共预算", "部门预算 / 一般公共预算拨款 / 小计", "一般公共预算拨款/小计"},
		{"政府性基金预算", "部门预算 / 政府性基金拨款", "政府性基金拨款"},
		{"上级补助收入", "部门预算 / 上级补助收入", "上级补助收入"},
		// 北京: the printed words hold the official ones
		{"一般公共预算", "本年收入 / 一般公共预算资金", "一般公共预算"},
		// 西安's 收支总表: 预算数 under each classification, a shorter form
		{"支出 / 政府预算经济分类预算数", "预算数", "支出/政府预算经济分类预算数"},
		{"合计", "", "合计"},
	}
	for _, tt := range tests {
		c := Column{Header: tt.header, Printed: tt.printed}
		if got := c.Label(); got != tt.want {
			t.Errorf("Label(%q, %q) = %q, want %q", tt.header, tt.printed, got, tt.want)
		}
	}
}
