variable "name_prefix" {
  description = "Prefix of resource names (invorto-<environment>)."
  type        = string
}

variable "vpc_id" {
  description = "VPC the security groups belong to."
  type        = string
}

variable "service_ports" {
  description = "Container port per service, from infra/routing.json (api 8080, realtime 8081, webhooks 8082, telephony 8085)."
  type        = map(number)
}

variable "database_cidr_blocks" {
  description = "CIDR blocks where PostgreSQL is reachable from the tasks."
  type        = list(string)
}

variable "database_port" {
  description = "PostgreSQL port."
  type        = number
}

variable "redis_port" {
  description = "Redis port."
  type        = number
  default     = 6379
}
