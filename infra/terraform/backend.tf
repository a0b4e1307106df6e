# Partial configuration: the bucket, key and region come from environments/<env>.backend.hcl:
#
#   terraform init -backend-config=environments/staging.backend.hcl
#
# CI validates and plans without a backend (see .github/workflows/ci.yml, job "terraform").
terraform {
  backend "s3" {}
}
