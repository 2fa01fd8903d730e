package serve

// Every test package of the module understands go test ./... -update.
import _ "budgetpack/internal/golden"
