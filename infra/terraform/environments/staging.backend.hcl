# terraform init -reconfigure -backend-config=environments/staging.backend.hcl
# The bucket is created once per account (docs/deployment.md, "Bootstrap the state bucket").
bucket       = "invorto-terraform-state-staging"
key          = "invorto/staging/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
