variable "name_prefix" {
  description = "Prefix of resource names (invorto-<environment>)."
  type        = string
}

variable "alb_arn" {
  description = "ARN of the ALB the web ACL is associated with."
  type        = string
}
