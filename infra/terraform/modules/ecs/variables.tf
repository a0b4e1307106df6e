variable "aws_region" {
  description = "Region of the awslogs log driver."
  type        = string
}

variable "cluster_name" {
  description = "ECS cluster name (invorto-<environment>)."
  type        = string
}

variable "services" {
  description = "Per service: container port (routing.json), ECR repository URL, Fargate cpu/memory, desired/min/max tasks, CPU target, scale-in cooldown, stop timeout."
  type = map(object({
    port               = number
    repository_url     = string
    cpu                = number
    memory             = number
    desired_count      = number
    min_count          = number
    max_count          = number
    cpu_target_percent = number
    scale_in_cooldown  = number
    stop_timeout       = number
  }))
}

variable "image_tag" {
  description = "Image tag of the task definitions Terraform registers (CI registers SHA-pinned revisions)."
  type        = string
}

variable "environment_variables" {
  description = "Plain environment variables of every container."
  type        = map(string)
}

variable "service_environment" {
  description = "Per-service additions/overrides of environment_variables."
  type        = map(map(string))
}

variable "secrets" {
  description = "Environment variable name -> SSM parameter ARN, injected by ECS at start."
  type        = map(string)
}

variable "health_check" {
  description = "Health check settings from infra/routing.json; the container health check uses path, interval, timeout and the unhealthy threshold as retries."
  type = object({
    path                = string
    matcher             = string
    interval_seconds    = number
    timeout_seconds     = number
    healthy_threshold   = number
    unhealthy_threshold = number
  })
}

variable "execution_role_arn" {
  description = "Task execution role ARN."
  type        = string
}

variable "task_role_arn" {
  description = "Task role ARN."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of the tasks."
  type        = list(string)
}

variable "task_security_group_ids" {
  description = "Security group per service."
  type        = map(string)
}

variable "target_group_arns" {
  description = "ALB target group per service."
  type        = map(string)
}

variable "alb_arn_suffix" {
  description = "ALB ARN suffix for the ALBRequestCountPerTarget metric."
  type        = string
}

variable "target_group_arn_suffixes" {
  description = "Target group ARN suffix per service for the ALBRequestCountPerTarget metric."
  type        = map(string)
}

variable "request_scaled_services" {
  description = "Services that also scale on ALBRequestCountPerTarget (in addition to CPU)."
  type        = list(string)
}

variable "realtime_requests_per_target" {
  description = "Target requests per task per minute for request_scaled_services."
  type        = number
}

variable "log_retention_days" {
  description = "Retention of the service log groups in days."
  type        = number
}

variable "kms_key_arn" {
  description = "KMS key encrypting the log groups."
  type        = string
}

variable "health_check_start_period_seconds" {
  description = "Container health check grace period (start-up, migrations) in seconds."
  type        = number
  default     = 60
}
