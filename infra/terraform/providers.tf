provider "aws" {
  region = var.aws_region

  # Refuse to touch any account but the one named in the environment's tfvars. Not checked in an
  # offline plan (CI), where no credentials exist to ask AWS who we are.
  allowed_account_ids = var.offline_plan ? null : [var.aws_account_id]

  # offline_plan = true lets CI run `terraform plan` with placeholder credentials and no state:
  # nothing is read from AWS (the configuration uses no data sources that call AWS APIs).
  skip_credentials_validation = var.offline_plan
  skip_requesting_account_id  = var.offline_plan
  skip_metadata_api_check     = var.offline_plan

  default_tags {
    tags = local.tags
  }
}
