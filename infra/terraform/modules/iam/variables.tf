variable "name_prefix" {
  description = "Prefix of role names (invorto-<environment>)."
  type        = string
}

variable "aws_partition" {
  description = "AWS partition for ARNs."
  type        = string
}

variable "aws_region" {
  description = "AWS region of the cluster."
  type        = string
}

variable "aws_account_id" {
  description = "AWS account id (trust conditions and ARNs)."
  type        = string
}

variable "cluster_name" {
  description = "ECS cluster whose services the deploy role may update."
  type        = string
}

variable "secret_parameter_arns" {
  description = "Secret name -> SSM parameter ARN. The task execution role may read exactly these parameters and nothing else from SSM."
  type        = map(string)
}

variable "ssm_kms_key_arn" {
  description = "Customer managed KMS key of the SecureString parameters; empty for the default aws/ssm key."
  type        = string
}

variable "ecr_repository_arns" {
  description = "ECR repositories the deploy role may push to."
  type        = list(string)
}

variable "github_repository" {
  description = "GitHub repository (owner/name) trusted by the deploy role."
  type        = string
}

variable "github_branches" {
  description = "Branches trusted by the deploy role."
  type        = list(string)
}

variable "github_environments" {
  description = "GitHub Actions environments trusted by the deploy role."
  type        = list(string)
}

variable "create_github_oidc_provider" {
  description = "Create the GitHub Actions OIDC provider in this account."
  type        = bool
}

variable "github_oidc_provider_arn" {
  description = "Existing GitHub OIDC provider ARN when create_github_oidc_provider is false."
  type        = string
}
