# terraform init -reconfigure -backend-config=environments/production.backend.hcl
# The bucket is created once per account (docs/deployment.md, "Bootstrap the state bucket").
bucket       = "invorto-terraform-state-production"
key          = "invorto/production/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
