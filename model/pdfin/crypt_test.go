package pdfin

import (
	"bytes"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// encrypt protects a PDF with AES-256 and the given passwords.
func encrypt(t *testing.T, data []byte, user, owner string) []byte {
	return encryptWith(t, data, user, owner, true)
}

func encryptWith(t *testing.T, data []byte, user, owner string, aes bool) []byte {
	t.Helper()
	model.ConfigPath = "disable" // no configuration files written for the test
	conf := model.NewAESConfiguration(user, owner, 256)
	if !aes {
		conf = model.NewRC4Configuration(user, owner, 128)
	}
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(data), &out, conf); err != nil {
		t.Fatalf("encrypt: %v", err)
	}
	return out.Bytes()
}
