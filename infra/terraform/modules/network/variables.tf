variable "name_prefix" {
  description = "Prefix of resource names (invorto-<environment>)."
  type        = string
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
}

variable "availability_zones" {
  description = "Availability zones for one public and one private subnet each."
  type        = list(string)
}

variable "single_nat_gateway" {
  description = "One shared NAT gateway (true) or one per availability zone (false)."
  type        = bool
}

variable "flow_log_retention_days" {
  description = "Retention in days of the VPC flow log group."
  type        = number
}

variable "kms_key_arn" {
  description = "KMS key encrypting the flow log group."
  type        = string
}
