variable "name_prefix" {
  description = "Prefix of resource names (invorto-<environment>)."
  type        = string
}

variable "environment" {
  description = "Environment name, for the description."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the cache subnet group."
  type        = list(string)
}

variable "security_group_id" {
  description = "Security group allowing 6379 from the service tasks only."
  type        = string
}

variable "node_type" {
  description = "ElastiCache node type."
  type        = string
}

variable "num_cache_clusters" {
  description = "Number of nodes (primary + replicas); 2+ enables automatic failover and Multi-AZ."
  type        = number

  validation {
    condition     = var.num_cache_clusters >= 1 && var.num_cache_clusters <= 6
    error_message = "num_cache_clusters must be between 1 and 6."
  }
}

variable "engine_version" {
  description = "Redis engine version."
  type        = string
}

variable "snapshot_retention_limit" {
  description = "Days of automatic snapshots to keep."
  type        = number

  validation {
    condition     = var.snapshot_retention_limit >= 1
    error_message = "Keep at least one day of snapshots."
  }
}

variable "kms_key_arn" {
  description = "KMS key for encryption at rest."
  type        = string
}
