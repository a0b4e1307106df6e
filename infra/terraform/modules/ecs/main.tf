# ECS Fargate: cluster invorto-<environment>, one service per entry of var.services
# (api, realtime, webhooks, telephony), each behind its ALB target group, with the deployment
# circuit breaker (automatic rollback), CPU target tracking (Realtime also on requests per target)
# and a CloudWatch log group /ecs/invorto-<service>.

resource "aws_ecs_cluster" "this" {
  name = var.cluster_name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
    base              = 1
  }
}

resource "aws_cloudwatch_log_group" "service" {
  for_each = var.services

  name              = "/ecs/invorto-${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

resource "aws_ecs_task_definition" "service" {
  for_each = var.services

  family                   = "invorto-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(each.value.cpu)
  memory                   = tostring(each.value.memory)
  execution_role_arn       = var.execution_role_arn
  task_role_arn            = var.task_role_arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = each.key
      image     = "${each.value.repository_url}:${var.image_tag}"
      essential = true

      portMappings = [
        {
          name          = each.key
          containerPort = each.value.port
          hostPort      = each.value.port
          protocol      = "tcp"
          appProtocol   = "http"
        }
      ]

      environment = [
        for name, value in merge(var.environment_variables, lookup(var.service_environment, each.key, {})) :
        { name = name, value = value }
      ]

      secrets = [
        for name in sort(keys(var.secrets)) :
        { name = name, valueFrom = var.secrets[name] }
      ]

      # Same probe as the image HEALTHCHECK (the chiseled image has no shell or curl).
      healthCheck = {
        command     = ["CMD", "dotnet", "/healthprobe/HealthProbe.dll", "http://127.0.0.1:${each.value.port}${var.health_check.path}"]
        interval    = var.health_check.interval_seconds
        timeout     = var.health_check.timeout_seconds
        retries     = var.health_check.unhealthy_threshold
        startPeriod = var.health_check_start_period_seconds
      }

      stopTimeout = each.value.stop_timeout

      # Written out so the registered definition equals this one (no perpetual diff).
      mountPoints    = []
      volumesFrom    = []
      systemControls = []

      ulimits = [
        {
          name      = "nofile"
          softLimit = 65536
          hardLimit = 65536
        }
      ]

      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.service[each.key].name
          awslogs-region        = var.aws_region
          awslogs-stream-prefix = each.key
        }
      }
    }
  ])

  tags = {
    Service = each.key
  }
}

resource "aws_ecs_service" "service" {
  for_each = var.services

  name                              = "invorto-${each.key}"
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.service[each.key].arn
  desired_count                     = each.value.desired_count
  launch_type                       = "FARGATE"
  platform_version                  = "LATEST"
  health_check_grace_period_seconds = var.health_check_start_period_seconds
  propagate_tags                    = "SERVICE"
  enable_ecs_managed_tags           = true

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [var.task_security_group_ids[each.key]]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = var.target_group_arns[each.key]
    container_name   = each.key
    container_port   = each.value.port
  }

  tags = {
    Service = each.key
  }

  lifecycle {
    # desired_count belongs to autoscaling; task_definition to the CI deploy job, which registers
    # a revision pinned to the commit SHA (based on the family's latest revision, so configuration
    # changes made here are carried into the next deploy).
    ignore_changes = [desired_count, task_definition]
  }
}

# ---------------------------------------------------------------------------------------------
# Autoscaling
# ---------------------------------------------------------------------------------------------

resource "aws_appautoscaling_target" "service" {
  for_each = var.services

  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.service[each.key].name}"
  min_capacity       = each.value.min_count
  max_capacity       = each.value.max_count
}

resource "aws_appautoscaling_policy" "cpu" {
  for_each = var.services

  name               = "invorto-${each.key}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.service[each.key].service_namespace
  scalable_dimension = aws_appautoscaling_target.service[each.key].scalable_dimension
  resource_id        = aws_appautoscaling_target.service[each.key].resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.cpu_target_percent
    scale_in_cooldown  = each.value.scale_in_cooldown
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_appautoscaling_policy" "requests" {
  for_each = toset(var.request_scaled_services)

  name               = "invorto-${each.key}-requests"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.service[each.key].service_namespace
  scalable_dimension = aws_appautoscaling_target.service[each.key].scalable_dimension
  resource_id        = aws_appautoscaling_target.service[each.key].resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = var.realtime_requests_per_target
    scale_in_cooldown  = var.services[each.key].scale_in_cooldown
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "${var.alb_arn_suffix}/${var.target_group_arn_suffixes[each.key]}"
    }
  }
}
