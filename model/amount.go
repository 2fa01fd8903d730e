package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Amount is a published figure: a decimal number together with the number of
// decimal places it was published with, or blank.
//
// A blank cell is not a zero: the zero value of Amount is blank, and
// arithmetic helpers treat blank explicitly. The published places are kept
// so that "0.30" is written back as "0.30", not "0.3".
type Amount struct {
	value  decimal.Decimal
	places int32
	set    bool
}

// Blank is the blank amount (an empty cell).
var Blank = Amount{}

// NewAmount returns the amount d shown with the given number of decimal places.
func NewAmount(d decimal.Decimal, places int32) Amount {
	if places < 0 {
		places = 0
	}
	return Amount{value: d, places: places, set: true}
}

// NewAmountInt returns the whole number n (a count) as an amount.
func NewAmountInt(n int64) Amount { return Amount{value: decimal.NewFromInt(n), set: true} }

// ParseAmount reads a published figure such as "1673.35", "0.30", "-2",
// "1,234.50" or "" (blank). Surrounding spaces are ignored. It returns an
// error for anything that is not a plain decimal number.
func ParseAmount(s string) (Amount, error) {
	t := strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
	t = strings.TrimSpace(strings.Trim(t, "\u3000"))
	if t == "" {
		return Blank, nil
	}
	t = strings.ReplaceAll(t, ",", "")
	t = strings.ReplaceAll(t, "，", "")
	if !isPlainNumber(t) {
		return Blank, fmt.Errorf("%s 不是金额 (not an amount)", Quote(strings.TrimSpace(s)))
	}
	if n := digitCount(t); n > MaxDigits {
		return Blank, fmt.Errorf("%s 不是金额：共 %d 位数字，最多 %d 位 (not an amount: %d digits, at most %d)", Quote(strings.TrimSpace(s)), n, MaxDigits, n, MaxDigits)
	}
	d, err := decimal.NewFromString(t)
	if err != nil {
		return Blank, fmt.Errorf("%s 不是金额 (not an amount)", Quote(strings.TrimSpace(s)))
	}
	places := int32(0)
	if i := strings.IndexByte(t, '.'); i >= 0 {
		places = int32(len(t) - i - 1)
	}
	return Amount{value: d, places: places, set: true}, nil
}

// MaxDigits is the most digits an amount may have, before and after the
// point together: a trillion yuan to the fen is 15.
const MaxDigits = 30

func digitCount(t string) int {
	n := 0
	for i := 0; i < len(t); i++ {
		if t[i] >= '0' && t[i] <= '9' {
			n++
		}
	}
	return n
}

// QuoteLimit is the most characters of a value Quote shows.
const QuoteLimit = 40

// Quote quotes a value from the input for a message, cut to QuoteLimit
// characters with its length in bytes when it is longer, so that a huge
// cell cannot make a huge message.
func Quote(s string) string {
	n := 0
	for i := range s {
		if n == QuoteLimit {
			return fmt.Sprintf("%q…（共 %d 字节, %d bytes）", s[:i], len(s), len(s))
		}
		n++
	}
	return fmt.Sprintf("%q", s)
}

// isPlainNumber accepts an optional sign, digits and at most one decimal
// point with digits on at least one side; no exponent, no letters.
func isPlainNumber(t string) bool {
	if t == "" {
		return false
	}
	if t[0] == '-' || t[0] == '+' {
		t = t[1:]
	}
	digits, dots := 0, 0
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

// MustAmount parses s and panics on error; for tests and literals only.
func MustAmount(s string) Amount {
	a, err := ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

// IsBlank reports whether the amount is an empty cell.
func (a Amount) IsBlank() bool { return !a.set }

// Decimal returns the value; a blank amount gives zero, so callers that must
// tell blank from zero check IsBlank first.
func (a Amount) Decimal() decimal.Decimal { return a.value }

// Places returns the number of decimal places the figure was published with.
func (a Amount) Places() int32 { return a.places }

// String returns the figure as published ("0.30"), or "" when blank.
func (a Amount) String() string {
	if !a.set {
		return ""
	}
	return a.value.StringFixed(a.places)
}

// Grouped returns the amount as String does, with a thousands separator
// every three digits of the whole part (1234567.5 → "1,234,567.5"), as a
// table that prints separators shows it.
func (a Amount) Grouped() string {
	s := a.String()
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		whole, frac = s[:i], s[i:]
	}
	var sb strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			sb.WriteByte(',')
		}
		sb.WriteRune(d)
	}
	return sign + sb.String() + frac
}

// HasSeparator reports whether a published figure prints a thousands
// separator (1,234.56): the format its table prints figures in.
func HasSeparator(s string) bool {
	if !strings.ContainsAny(s, ",，") {
		return false
	}
	a, err := ParseAmount(s)
	return err == nil && !a.IsBlank()
}

// Equal reports whether two amounts are both blank, or both set with the
// same value and the same published places.
func (a Amount) Equal(b Amount) bool {
	if a.set != b.set {
		return false
	}
	return !a.set || (a.places == b.places && a.value.Equal(b.value))
}

// MarshalJSON writes the published digits as a string, or null when blank.
func (a Amount) MarshalJSON() ([]byte, error) {
	if !a.set {
		return []byte("null"), nil
	}
	return json.Marshal(a.String())
}

// UnmarshalJSON reads a string such as "0.30" or null.
func (a *Amount) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*a = Blank
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("金额应为字符串或 null (amount must be a string or null): %s", Quote(string(b)))
	}
	v, err := ParseAmount(s)
	if err != nil {
		return err
	}
	if v.IsBlank() {
		return fmt.Errorf("金额为空时应写 null (a blank amount is null, not %s)", Quote(s))
	}
	*a = v
	return nil
}
