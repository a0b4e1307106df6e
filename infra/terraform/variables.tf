# ---------------------------------------------------------------------------------------------
# Environment and account
# ---------------------------------------------------------------------------------------------

variable "environment" {
  description = "Deployment environment name: staging or production. Used in resource names (cluster invorto-<environment>) and the SSM prefix /invorto/<environment>/."
  type        = string

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be \"staging\" or \"production\"."
  }
}

variable "aws_region" {
  description = "AWS region of the whole stack (the runbook's commands use us-east-1)."
  type        = string
  default     = "us-east-1"
}

variable "aws_account_id" {
  description = "12-digit AWS account id of this environment. The provider refuses any other account, and the SSM parameter ARNs the task execution role may read are built from it."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be 12 digits."
  }
}

variable "aws_partition" {
  description = "AWS partition used to build ARNs (aws, aws-cn, aws-us-gov)."
  type        = string
  default     = "aws"
}

variable "offline_plan" {
  description = "CI only: plan with placeholder credentials and without contacting AWS (skips account-id lookup and credential validation). Never set it for a real plan or apply."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Extra tags applied to every resource (merged with Project, Environment, ManagedBy)."
  type        = map(string)
  default     = {}
}

# ---------------------------------------------------------------------------------------------
# Network
# ---------------------------------------------------------------------------------------------

variable "vpc_cidr" {
  description = "CIDR block of the VPC. Private subnets are /20 slices from its start, public subnets /24 slices from its top."
  type        = string
  default     = "10.40.0.0/16"
}

variable "availability_zones" {
  description = "Availability zones to spread subnets over (at least two, required by the ALB). Given explicitly so that planning needs no AWS API call."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2
    error_message = "At least two availability zones are required."
  }
}

variable "single_nat_gateway" {
  description = "true: one NAT gateway for all private subnets (cheaper, one AZ is a single point of failure for egress); false: one NAT gateway per AZ."
  type        = bool
  default     = false
}

variable "flow_log_retention_days" {
  description = "Retention in days of the VPC flow log group."
  type        = number
  default     = 90
}

# ---------------------------------------------------------------------------------------------
# Edge: DNS, TLS, ALB, WAF
# ---------------------------------------------------------------------------------------------

variable "domain_name" {
  description = "Public host name of this environment (api.invortoai.com, staging.invortoai.com). Builds PUBLIC_BASE_URL, API_BASE_URL, REALTIME_WS_URL, WEBHOOK_BASE_URL and TELEPHONY_WEBHOOK_BASE_URL."
  type        = string
}

variable "certificate_arn" {
  description = "ARN of the ACM certificate (same region as the ALB) covering domain_name, used by the HTTPS listener."
  type        = string
}

variable "route53_zone_id" {
  description = "Optional Route 53 hosted zone id; when set, an alias A record domain_name -> ALB is created. Leave empty when DNS is managed elsewhere (then point a CNAME at output alb_dns_name)."
  type        = string
  default     = ""
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listener."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "alb_idle_timeout" {
  description = "ALB idle timeout in seconds. Raised from the 60 s default so idle WebSocket calls (Realtime) are not cut; the compose proxy uses the same value."
  type        = number
  default     = 3600

  validation {
    condition     = var.alb_idle_timeout >= 1 && var.alb_idle_timeout <= 4000
    error_message = "alb_idle_timeout must be between 1 and 4000 seconds."
  }
}

variable "alb_deletion_protection" {
  description = "Enable deletion protection on the ALB."
  type        = bool
  default     = true
}

variable "alb_access_logs_bucket" {
  description = "Optional S3 bucket for ALB access logs (bucket policy must allow the regional ELB log delivery). Empty disables access logs."
  type        = string
  default     = ""
}

variable "sticky_services" {
  description = "Services whose target group uses lb_cookie stickiness. Realtime: a reconnecting browser returns to the task that holds its session."
  type        = list(string)
  default     = ["realtime"]
}

variable "stickiness_duration_seconds" {
  description = "lb_cookie stickiness duration in seconds for sticky_services."
  type        = number
  default     = 86400
}

variable "deregistration_delay_seconds" {
  description = "Connection draining per service, in seconds. Realtime gets longer so live calls can finish on a task being replaced; services not listed use 30."
  type        = map(number)
  default = {
    realtime = 300
  }
}

variable "enable_waf" {
  description = "Attach an AWS WAFv2 web ACL (AWS managed common rule set and known bad inputs) to the ALB."
  type        = bool
  default     = false
}

# ---------------------------------------------------------------------------------------------
# Services (ECS Fargate)
# ---------------------------------------------------------------------------------------------

variable "image_tag" {
  description = "Image tag used by the task definitions Terraform registers. CI deploys register new revisions pinned to the commit SHA (see .github/workflows/ci.yml), so this only matters for the first apply and for revisions Terraform creates on configuration changes."
  type        = string
  default     = "latest"
}

variable "service_sizing" {
  description = "Per service (api, realtime, webhooks, telephony): Fargate cpu units and memory MiB, desired/min/max task count, CPU target for autoscaling, scale-in cooldown and container stop timeout (seconds, Fargate max 120)."
  type = map(object({
    cpu                       = number
    memory                    = number
    desired_count             = number
    min_count                 = number
    max_count                 = number
    cpu_target_percent        = number
    scale_in_cooldown_seconds = number
    stop_timeout_seconds      = number
  }))
}

variable "realtime_requests_per_target" {
  description = "Target of the Realtime ALBRequestCountPerTarget scaling policy (new requests, i.e. WebSocket connects, per task per minute). Realtime also scales on CPU."
  type        = number
  default     = 600
}

variable "log_retention_days" {
  description = "Retention in days of the /ecs/invorto-<service> CloudWatch log groups."
  type        = number
  default     = 30
}

variable "migrate_on_start" {
  description = "MIGRATE_ON_START for the Api service: apply EF migrations when an Api task starts. The other services always get false."
  type        = bool
  default     = true
}

# Concurrency (runbook §2 defaults)

variable "telephony_global_max_concurrency" {
  description = "TELEPHONY_GLOBAL_MAX_CONCURRENCY: platform-wide cap on concurrent calls (Redis semaphore)."
  type        = number
  default     = 10000
}

variable "telephony_per_campaign_max_concurrency" {
  description = "TELEPHONY_PER_CAMPAIGN_MAX_CONCURRENCY: concurrent calls per outbound campaign."
  type        = number
  default     = 100
}

variable "telephony_semaphore_ttl_sec" {
  description = "TELEPHONY_SEMAPHORE_TTL_SEC: lifetime of a concurrency slot unless renewed by its session."
  type        = number
  default     = 600
}

variable "max_concurrent_calls" {
  description = "MAX_CONCURRENT_CALLS: API-level guard on non-terminal calls per tenant."
  type        = number
  default     = 200
}

# Telephony providers

variable "enable_jambonz" {
  description = "Wire the JAMBONZ_* secrets (SSM /invorto/<env>/JAMBONZ_*) into the tasks. The parameters must exist before the tasks start."
  type        = bool
  default     = true
}

variable "enable_twilio" {
  description = "Wire TWILIO_AUTH_TOKEN (SSM) and TWILIO_ACCOUNT_SID (plain) into the tasks."
  type        = bool
  default     = false
}

variable "twilio_account_sid" {
  description = "TWILIO_ACCOUNT_SID (not a secret). Used only when enable_twilio is true."
  type        = string
  default     = ""
}

variable "provider_secret_names" {
  description = "Speech/LLM provider keys (spec §11) to inject from SSM /invorto/<env>/<NAME>. Empty: the services use their offline providers."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for name in var.provider_secret_names : contains(["DEEPGRAM_API_KEY", "OPENAI_API_KEY", "ELEVENLABS_API_KEY"], name)])
    error_message = "provider_secret_names may contain DEEPGRAM_API_KEY, OPENAI_API_KEY and ELEVENLABS_API_KEY."
  }
}

variable "extra_environment" {
  description = "Further plain settings of spec §11 for every task (e.g. OPENAI_BASE_URL, API_RATE_LIMIT_PER_MIN). Cannot override the variables this module sets itself."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for name in keys(var.extra_environment) : contains(["OPENAI_BASE_URL", "USD_INR_RATE", "WEBHOOK_MAX_ATTEMPTS", "WEBHOOK_BACKOFF_BASE_SEC", "API_RATE_LIMIT_PER_MIN", "REALTIME_CONNECTS_PER_SEC"], name)])
    error_message = "extra_environment accepts OPENAI_BASE_URL, USD_INR_RATE, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_BACKOFF_BASE_SEC, API_RATE_LIMIT_PER_MIN and REALTIME_CONNECTS_PER_SEC."
  }
}

variable "ssm_kms_key_arn" {
  description = "ARN of the customer managed KMS key encrypting the SecureString parameters, if not the default aws/ssm key. The task execution role is then allowed kms:Decrypt on it."
  type        = string
  default     = ""
}

# ---------------------------------------------------------------------------------------------
# Data stores
# ---------------------------------------------------------------------------------------------

variable "database_cidr_blocks" {
  description = "CIDR blocks where PostgreSQL (RDS or external) is reachable; tasks may open connections to them on database_port. The connection string itself is the DB_URL secret."
  type        = list(string)
}

variable "database_port" {
  description = "PostgreSQL port the tasks connect to."
  type        = number
  default     = 5432
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.small"
}

variable "redis_num_cache_clusters" {
  description = "Number of Redis nodes (1 primary + replicas). 2 or more enables automatic failover and Multi-AZ."
  type        = number
  default     = 2
}

variable "redis_engine_version" {
  description = "Redis engine version."
  type        = string
  default     = "7.1"
}

variable "redis_snapshot_retention_days" {
  description = "Days of automatic Redis snapshots to keep (at least 1)."
  type        = number
  default     = 3
}

# ---------------------------------------------------------------------------------------------
# CI/CD (GitHub Actions OIDC)
# ---------------------------------------------------------------------------------------------

variable "github_repository" {
  description = "GitHub repository allowed to assume the deploy role, as owner/name."
  type        = string
}

variable "github_branches" {
  description = "Branches whose workflow runs may assume the deploy role (staging: develop, production: main)."
  type        = list(string)

  validation {
    condition     = length(var.github_branches) > 0 && alltrue([for b in var.github_branches : contains(["main", "develop"], b)])
    error_message = "github_branches must be a non-empty subset of [main, develop]."
  }
}

variable "github_environments" {
  description = "GitHub Actions environments whose jobs may assume the deploy role (a job with `environment:` presents sub=repo:<repo>:environment:<name>). Restrict each environment to its branch in the repository settings."
  type        = list(string)
  default     = []
}

variable "create_github_oidc_provider" {
  description = "Create the token.actions.githubusercontent.com OIDC provider (one per AWS account). Set false and pass github_oidc_provider_arn if the account already has it."
  type        = bool
  default     = true
}

variable "github_oidc_provider_arn" {
  description = "ARN of an existing GitHub OIDC provider, used when create_github_oidc_provider is false."
  type        = string
  default     = ""
}
