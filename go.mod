module budgetpack

go 1.24.0

require (
	github.com/shopspring/decimal v1.6.0
	github.com/spf13/pflag v1.0.10
	go.yaml.in/yaml/v3 v3.0.6
)
