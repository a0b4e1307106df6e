variable "name_prefix" {
  description = "Prefix of resource names (invorto-<environment>); ALB and target group names derive from it."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the target groups."
  type        = string
}

variable "public_subnet_ids" {
  description = "Public subnets of the ALB (at least two AZs)."
  type        = list(string)
}

variable "security_group_id" {
  description = "Security group of the ALB."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate of the HTTPS listener."
  type        = string
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listener."
  type        = string
}

variable "idle_timeout" {
  description = "ALB idle timeout in seconds (raised for WebSockets)."
  type        = number
}

variable "deletion_protection" {
  description = "Enable ALB deletion protection."
  type        = bool
}

variable "access_logs_bucket" {
  description = "S3 bucket for access logs; empty disables them."
  type        = string
}

variable "service_ports" {
  description = "Port per service from infra/routing.json; one ip target group per entry."
  type        = map(number)
}

variable "rules" {
  description = "Listener rules from infra/routing.json: priority (lower wins), path patterns, target service and its port."
  type = list(object({
    priority = number
    paths    = list(string)
    service  = string
    port     = number
  }))
}

variable "health_check" {
  description = "Target health check from infra/routing.json (path, matcher, interval/timeout seconds, healthy/unhealthy thresholds)."
  type = object({
    path                = string
    matcher             = string
    interval_seconds    = number
    timeout_seconds     = number
    healthy_threshold   = number
    unhealthy_threshold = number
  })
}

variable "default_action" {
  description = "Fixed response of the HTTPS listener when no rule matches, from infra/routing.json."
  type = object({
    status_code  = number
    content_type = string
    body         = string
  })
}

variable "sticky_services" {
  description = "Services whose target group uses lb_cookie stickiness."
  type        = list(string)
}

variable "stickiness_duration_seconds" {
  description = "lb_cookie duration in seconds."
  type        = number
}

variable "deregistration_delay_seconds" {
  description = "Draining time per service in seconds; unlisted services use 30."
  type        = map(number)
}
